"""The portal basics: the about page, the open data (/data/) and the API description (/api/)."""
