"""Mechanisms every shop service uses alike. Domain logic never lives here."""
