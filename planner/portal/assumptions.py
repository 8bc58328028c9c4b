"""Where the article is silent, the model assumes; each assumption lives here.

Change one of these when a firm reports that Cliënt Online behaves otherwise;
the portal projection (:mod:`planner.portal.projection`) reads them and nothing else
restates them.
"""

#: A1. A Klant-Persoon on the portal is also a user record of its own cliënt,
#: whether or not it has contacts. The article's situation 2 says AuditCase
#: "also" sends Klant-Persoon P as Cliënt-gebruiker P; situation 3 shows a user
#: under Cliënt P. Consequence: a person's login lasts as long as the person's
#: own cliënt is on the portal.
PERSON_CLIENT_IS_OWN_USER = True

#: A2. Removing a login's main user while users linked under it remain leaves
#: the portal to re-home or re-create those users — at worst as a new login
#: with new credentials. This is the article's reason to start at the bottom,
#: so the simulation reports it as the event ``main-user-removed``.
MAIN_USER_REMOVAL_STRANDS_LINKED_USERS = True
