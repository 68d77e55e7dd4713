"""AI Spine agent SDK for Python: serve one handler per the AI Spine HTTP agent contract.

Signature checks (Standard Webhooks with ``AISpine-`` headers), idempotency, ``GET /health``,
``GET /manifest``, typed errors (retryable or permanent) and deadlines, on the standard library
alone. See docs/agent-contract.md and docs/quickstart.md in AI Spine.

.. code-block:: python

    from aispine_agent import Agent, InvalidInput

    agent = Agent.from_manifest("agent.json")

    @agent.handler
    def handle(request):
        name = request.input.get("name")
        if not isinstance(name, str):
            raise InvalidInput("input 'name' must be a string")
        return {"greeting": f"Hello {name}"}

    agent.start().wait()   # 127.0.0.1:$AISPINE_AGENT_PORT, signed with $AISPINE_AGENT_SECRET
"""

from ._agent import DEFAULT_HOST, DEFAULT_PORT, HOST_ENV, PORT_ENV, SECRET_ENV, Agent, Request, Result
from ._errors import AgentError, DeadlineExceeded, InvalidInput, PermanentError, RetryableError
from ._server import AgentServer
from ._signature import InvalidSignature, SignatureVerifier, sign

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "AgentError",
    "AgentServer",
    "DeadlineExceeded",
    "InvalidInput",
    "InvalidSignature",
    "PermanentError",
    "Request",
    "Result",
    "RetryableError",
    "SignatureVerifier",
    "sign",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "HOST_ENV",
    "PORT_ENV",
    "SECRET_ENV",
]
