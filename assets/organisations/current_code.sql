-- The trust an organisation code belongs to now: the last successor in its chain of mergers
-- (organisations.successor_map), or the code itself when it was never merged. Every comparison
-- of a year with an earlier one (indicator 3's window, the Model Employer baseline, the time
-- series) pools a predecessor's counts into today's trust through this one rule.
create or replace macro organisations.current_code(code) as
    coalesce((select m.current_code
              from organisations.successor_map as m
              where m.organisation_code = code), code)
