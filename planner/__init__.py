"""plan-removal: plans and proves the order of AuditCase changes that take
someone off Cliënt Online without the portal mailing fresh login details."""

__version__ = "0.1.0"
