"""The client against the running server's /openapi.json: every operation it calls exists with the
method, path and parameters it uses, and every field it reads is in the answer's schema."""

import copy
import json
import unittest
import urllib.request

import _env
from _openapi import OpenApiCheck

from aispine.operations import OPERATIONS


def fetch_openapi() -> dict:
    url, _ = _env.server()
    with urllib.request.urlopen(f"{url}/openapi.json", timeout=30) as answer:
        return json.load(answer)


class OpenApiContractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.doc = fetch_openapi()

    def check(self, doc: dict) -> OpenApiCheck:
        check = OpenApiCheck(doc)
        for name, op in OPERATIONS.items():
            check.operation(name, op)
        return check

    def test_every_operation_and_field_the_client_uses_is_in_the_servers_openapi(self) -> None:
        check = self.check(self.doc)
        print(f"\n  checked {len(OPERATIONS)} operations; {len(check.unchecked)} fields under free-form "
              f"schemas could not be checked: {', '.join(sorted(set(check.unchecked))[:8])} …")
        self.assertEqual([], check.problems, "\n".join(check.problems))

    def test_a_renamed_route_parameter_or_field_is_caught(self) -> None:
        doc = copy.deepcopy(self.doc)
        doc["paths"]["/api/v1/executions/{id}/abort"] = doc["paths"].pop("/api/v1/executions/{id}/cancel")
        schemas = doc["components"]["schemas"]
        schemas["ExecutionSummary"]["properties"]["state"] = schemas["ExecutionSummary"]["properties"].pop("status")
        listing = doc["paths"]["/api/v1/executions"]["get"]
        listing["parameters"] = [p for p in listing["parameters"] if p["name"] != "cursor"]
        schemas["Approval"]["properties"]["created_at"] = {"type": "integer"}

        problems = "\n".join(self.check(doc).problems)

        self.assertIn("cancel_execution (POST /api/v1/executions/{id}/cancel): no such operation", problems)
        self.assertIn("reads field 'status' the spec does not declare", problems)
        self.assertIn("sends query parameter 'cursor' the spec does not declare", problems)
        self.assertIn("created_at: the client reads string, the spec says ['integer']", problems)


if __name__ == "__main__":
    unittest.main()
