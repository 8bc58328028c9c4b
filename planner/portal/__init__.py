"""The portal simulation: an AuditCase state, and what Cliënt Online makes of it.

Below the rules, which judge what a step changes here, and above the model."""
