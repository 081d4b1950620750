"""The deadline calculator: when a school, the council or the Tribunal should answer."""

from alnguide.tools.deadlines.views import export_urls, register

__all__ = ["export_urls", "register"]
