"""gunicorn's access log, with the client's address told as the site's own logs tell it."""

from gunicorn.glogging import Logger


class ClientAddressLogger(Logger):
    """`%(h)s` is the client (request_context.client_address), not the proxy in front of it."""

    def atoms(self, resp, req, environ, request_time) -> dict:
        """gunicorn's log atoms, `h` replaced by the address that django-axes counts too."""
        atoms = super().atoms(resp, req, environ, request_time)
        from django.conf import settings

        if settings.configured:
            # Imported late: the master process reads this module before Django is set up.
            from sonla_kb.request_context import client_address

            atoms["h"] = (
                client_address(
                    remote_addr=environ.get("REMOTE_ADDR", ""),
                    forwarded_for=environ.get("HTTP_X_FORWARDED_FOR", ""),
                )
                or "-"
            )
        return atoms
