"""Canllaw ADY · ALN Guide: a bilingual guide to additional learning needs in Wales."""

from alnguide.app import create_app

__all__ = ["create_app"]
