"""Flow version approval, panic mode and the audit log, against a real AI Spine server
(AISPINE_URL, AISPINE_TOKEN)."""

import unittest
from datetime import datetime, timedelta, timezone

import _env

from aispine import (
    AispineClient,
    ConflictError,
    FlowVersionStatus,
    ForbiddenError,
    LockedError,
    NotFoundError,
    PanicStatus,
    UnauthorizedError,
)

GATE_V1 = """
id: py-gate
version: 1.0.0
nodes:
  - id: say
    agent: echo
    with: {message: "one"}
"""

GATE_V2 = GATE_V1.replace("1.0.0", "1.1.0").replace('"one"', '"two"')


class FlowApprovalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()

    def test_a_draft_runs_only_once_approved_and_a_rejected_one_never(self) -> None:
        self.client.deploy_flow(GATE_V1)
        with self.assertRaises(ConflictError):
            self.client.start_execution("py-gate", version="1.0.0")

        approved = self.client.approve_flow("py-gate", "1.0.0")

        self.assertEqual(("py-gate", "1.0.0"), (approved.flow, approved.version))
        self.assertEqual(FlowVersionStatus.APPROVED, approved.review.status)
        self.assertIsNotNone(approved.review.decided_at)
        self.client.start_execution("py-gate", version="1.0.0")

        self.client.deploy_flow(GATE_V2)
        diff = self.client.diff_flow("py-gate", "1.1.0")
        self.assertEqual("1.0.0", diff.against)
        self.assertIn('+    with: {message: "two"}', diff.unified.replace("\r", ""))
        self.assertEqual((2, 2), (diff.added, diff.removed), "the version line and the message line")
        self.assertEqual("1.0.0", self.client.diff_flow("py-gate", "1.1.0", against="1.0.0").against)

        rejected = self.client.reject_flow("py-gate", "1.1.0", "says two, should say one")

        self.assertEqual(FlowVersionStatus.REJECTED, rejected.review.status)
        self.assertEqual("says two, should say one", rejected.review.reason)
        with self.assertRaises(ConflictError):
            self.client.start_execution("py-gate", version="1.1.0")


class PanicTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()

    def test_panic_mode_refuses_mutations_with_locked_until_switched_off(self) -> None:
        on = self.client.set_panic(True, "client drill")
        try:
            self.assertIsInstance(on, PanicStatus)
            self.assertTrue(on.on)
            self.assertEqual("client drill", on.reason)
            self.assertIsNotNone(on.since)
            self.assertTrue(self.client.panic_status().on)
            with self.assertRaises(LockedError) as refused:
                self.client.deploy_flow(GATE_V1.replace("py-gate", "py-frozen"))
            self.assertEqual(423, refused.exception.status)
            self.client.list_flows()  # reads still answered
        finally:
            off = self.client.set_panic(False)
        self.assertFalse(off.on)
        self.assertFalse(self.client.panic_status().on)


class AuditTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()
        cls.client.deploy_flow(GATE_V1.replace("py-gate", "py-audited"), approve=True)

    def test_pages_of_the_audit_log_chain_and_filter(self) -> None:
        first = self.client.list_audit(limit=1)
        self.assertEqual(1, len(first.items))
        self.assertTrue(first.has_more)

        entries = list(self.client.iter_audit(limit=2))
        self.assertEqual(first.items[0], entries[0])
        self.assertEqual(sorted(e.seq for e in entries), [e.seq for e in entries], "oldest first")
        for before, after in zip(entries, entries[1:]):
            self.assertEqual(before.hash, after.prev_hash, f"entry {after.seq} does not chain")

        ok = self.client.list_audit(outcome="ok", limit=500).items
        self.assertTrue(ok)
        self.assertEqual({"ok"}, {e.outcome for e in ok})

        verification = self.client.verify_audit()
        self.assertTrue(verification.intact, verification.reason)
        self.assertGreaterEqual(verification.entries, len(entries))
        self.assertIsNone(verification.broken_seq)


class SecretsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()

    def test_a_secret_is_set_listed_without_its_value_rotated_and_deleted(self) -> None:
        stored = self.client.set_secret("py_token", "s3cr3t-value")
        self.assertEqual("py_token", stored.name)
        listed = {s.name: s for s in self.client.list_secrets()}
        self.assertIn("py_token", listed)
        self.assertNotIn("s3cr3t-value", repr(listed["py_token"]))

        rotation = self.client.rotate_secrets()

        self.assertNotEqual(stored.key_version, rotation.key_version, "a new primary key (its id, not a counter)")
        self.assertGreaterEqual(rotation.reencrypted, 1)
        self.assertEqual(rotation.key_version, {s.name: s for s in self.client.list_secrets()}["py_token"].key_version)
        self.client.delete_secret("py_token")
        self.assertNotIn("py_token", [s.name for s in self.client.list_secrets()])
        with self.assertRaises(NotFoundError):
            self.client.delete_secret("py_token")


class ProvidersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()

    def test_adds_providers_checks_one_makes_one_the_default_and_sets_a_budget(self) -> None:
        # a loopback port where nothing answers as a provider: the check reports it down
        added = self.client.put_provider(
            "py_local", "ollama", "http://127.0.0.1:9/", default_model="llama3", api_key="k-never-answered"
        )
        self.assertEqual(("py_local", "ollama", "llama3", True),
                         (added.name, added.kind, added.default_model, added.has_api_key))
        self.assertNotIn("k-never-answered", repr(added))
        self.client.put_provider("py_other", "openai", "http://127.0.0.1:9/v1")

        self.assertTrue(self.client.make_default_provider("py_other").is_default)
        self.assertEqual(["py_other"], [p.name for p in self.client.list_providers() if p.is_default])
        check = self.client.test_provider("py_local")
        self.assertEqual(("py_local", "down"), (check.name, check.status))
        self.assertIsNotNone(check.error)

        costs = self.client.costs("flow", since=datetime.now(timezone.utc) - timedelta(days=1))
        self.assertEqual("flow", costs.group_by)
        self.assertEqual(0, costs.cost_usd, "no model was called")

        budget = self.client.set_budget("daily", 2.5, flow="py-gate", policy="hold")
        self.assertEqual(("py-gate", "daily", 2.5, "hold", 0),
                         (budget.flow, budget.period, budget.limit_usd, budget.policy, budget.spent_usd))
        self.assertIn(("py-gate", 2.5), [(b.flow, b.limit_usd) for b in self.client.list_budgets()])



class KeysAndWorkspacesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()

    def test_the_owner_makes_a_workspace_and_its_admin_creates_lists_and_revokes_keys(self) -> None:
        created = self.client.create_workspace("py-team", name="Python team", plan="startup")
        self.assertEqual(("py-team", "Python team", "startup"), (created.id, created.name, created.plan))
        self.assertIn("py-team", [w.id for w in self.client.list_workspaces()])
        quotas = {q.name: q for q in self.client.get_workspace("py-team").quotas}
        self.assertEqual(3, quotas["private_agents"].limit, "the startup plan's")
        changed = self.client.set_quota("py-team", "startup", private_agents=5, executions_running=-1)
        changed_quotas = {q.name: q.limit for q in changed.quotas}
        self.assertEqual((5, -1), (changed_quotas["private_agents"], changed_quotas["executions_running"]))

        admin = self.client.create_key(
            "py-admin", "admin", workspace="py-team", expires_at=datetime.now(timezone.utc) + timedelta(days=1)
        )
        self.assertTrue(admin.key.startswith(admin.prefix), "the key is shown once, with its prefix")
        self.assertEqual(("py-team", "admin"), (admin.workspace, admin.role))
        self.assertIsNotNone(admin.expires_at)
        team = AispineClient(self.client.base_url, admin.key)
        self.assertEqual("py-team", team.current_workspace().id)

        viewer = team.create_key("py-viewer", "viewer")
        listed = {k.id: k for k in team.list_keys()}
        self.assertIn(viewer.id, listed)
        self.assertIsNone(listed[viewer.id].key, "a list never shows a key")
        self.assertEqual("py-team", AispineClient(self.client.base_url, viewer.key).current_workspace().id)
        with self.assertRaises(ForbiddenError):
            team.list_workspaces()  # the owner's

        team.revoke_key(viewer.id)

        self.assertIsNotNone({k.id: k for k in team.list_keys()}[viewer.id].revoked_at)
        with self.assertRaises(UnauthorizedError):
            AispineClient(self.client.base_url, viewer.key).current_workspace()
        with self.assertRaises(NotFoundError):
            team.revoke_key("key_nosuch")


if __name__ == "__main__":
    unittest.main()
