-- Where each trust code that ever existed is now (on 31 March of the year, $snapshot_date):
-- itself, or the last successor in its chain of mergers (A -> B -> C maps A to C). Used to pool
-- a predecessor's counts into today's trust when comparing years.
with recursive successions as (

    select predecessor_code, successor_code
    from validated.trust_successors
    where effective_date <= $snapshot_date

),

chains (organisation_code, current_code, depth) as (

    select predecessor_code, successor_code, 1 from successions
    union all
    select c.organisation_code, s.successor_code, c.depth + 1
    from chains as c
    inner join successions as s on s.predecessor_code = c.current_code
    where c.depth < 20

),

resolved as (

    select organisation_code, arg_max(current_code, depth) as current_code
    from chains
    group by organisation_code

),

everyone as (

    select organisation_code, organisation_code as current_code
    from validated.ods_trusts
    where organisation_code not in (select organisation_code from resolved)
    union all
    select organisation_code, current_code from resolved

)

select * from everyone
