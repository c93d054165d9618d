"""The Jinja2 environment of the report templates in `reports/templates/`.

Autoescaping is on for every template, so each text a template prints is
HTML-escaped unless it is Markup built here. That covers free-text answers,
city names and translations alike.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

ENVIRONMENT = Environment(
    loader=PackageLoader("reports", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
