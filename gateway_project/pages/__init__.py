"""What the gateway's page apps (accounts, storefront) share, whichever of
them draws the page: the form base every page form builds on (`forms`), and
what every page shows alike (`presenters`: a service that is down, a
service's timestamp)."""
