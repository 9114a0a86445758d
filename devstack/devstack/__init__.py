"""Local orchestration of the shop suite (make run / make test)."""
