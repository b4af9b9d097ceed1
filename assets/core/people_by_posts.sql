-- The workforce as indicator 1 counts it: people (core.people) counted by trust, WRES ethnic
-- group and the set of posts they hold. Every headcount the indicators use is a sum of these
-- counts: the trust's people (indicators 1, 3 and 9, and reconciling the trust's return), and
-- the people in each post, clinical flag and grade (indicators/workforce_counts.sql). Tens of
-- thousands of rows for 1.5 million people, and no person-level column.
with people as (

    select organisation_code, wres_group, posts
    from core.people

),

counted as (

    select organisation_code, wres_group, posts, count(*) as people
    from people
    group by organisation_code, wres_group, posts

)

select * from counted
