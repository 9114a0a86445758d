"""Clients of the services the gateway's pages call: one module per service,
keyword-only functions that return the decoded body or raise.

A 4xx answer becomes `BackendRefused` (its `messages` are what a person reads
on the page); an unreachable, failing or slow service becomes
`shop_common.errors.ServiceUnavailable`.
"""
