"""Security headers on every response. docs/hosting.md gives the same headers to a council's
own web server (web/hosting.py makes the lines; a test checks the docs against them)."""

from __future__ import annotations

from flask import Flask, Response

# No inline script or style anywhere, so no 'unsafe-inline'; nothing from other sites.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # A search or a guide's answers in the address can be personal: never send them on.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_headers(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def register(app: Flask) -> None:
    app.after_request(add_headers)
