-- Assignments in the WRES scope at 31 March: validated ESR rows whose assignment category is in
-- scope (reference/assignment_categories.csv), with the WRES grade group of the pay grade
-- (reference/pay_grades.csv). Person-level: stays in the year's database, never published.
-- Stored as a view (core/people.sql reads it once).
with assignments as (

    select organisation_code, person_id, ethnic_category, clinical, pay_grade,
           assignment_category
    from validated.esr_staff_in_post

),

in_scope as (

    select a.*
    from assignments as a
    inner join reference.assignment_categories as c
        on c.assignment_category = a.assignment_category
    where c.in_scope = 'true'

),

graded as (

    select i.organisation_code, i.person_id, i.ethnic_category, i.clinical, g.wres_grade
    from in_scope as i
    inner join reference.pay_grades as g on g.esr_grade = i.pay_grade

)

select * from graded
