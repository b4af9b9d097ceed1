"""The Jinja2 environment every page is rendered through: templates in
wres_pipeline/report/templates, autoescaping on (every name and reason from the data is
escaped), and an error for any name a template uses that its context lacks."""

from functools import cache

from wres_pipeline.report.figures import number


def people(value) -> str:
    return number(value, "people")


@cache
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("wres_pipeline.report", "templates"),
                      autoescape=select_autoescape(["html"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(number=number, people=people)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
