"""The guide offline: a service worker that keeps what a reader opened and the core of the guide,
a localised "you are offline" page, and "save the whole guide on this phone"."""

from alnguide.tools.offline.views import after_freeze, export_urls, register

__all__ = ["after_freeze", "export_urls", "register"]
