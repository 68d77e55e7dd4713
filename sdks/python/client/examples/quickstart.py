"""Deploy a flow, start it, follow its events to the end and read its outputs.

Run against a server:  AISPINE_URL=http://127.0.0.1:9325 AISPINE_TOKEN=ask_… python3 quickstart.py
"""

import os

from aispine import AispineClient, UnprocessableError

FLOW = """
id: quickstart-py
version: 1.0.0
inputs:
  name: {type: string, required: true}
nodes:
  - id: greet
    agent: echo
    with: {message: "Hello, ${inputs.name}!"}
outputs:
  message: "${nodes.greet.output.message}"
"""

with AispineClient(os.environ["AISPINE_URL"], token=os.environ["AISPINE_TOKEN"]) as client:
    # a local development server lets the author approve their own draft as it is deployed
    client.deploy_flow(FLOW, approve=True)
    started = client.start_execution("quickstart-py", {"name": "Ada"})

    # Each event comes once, in order; after a dropped connection the stream reconnects with
    # Last-Event-ID by itself. The loop ends after the execution's terminal event.
    for event in client.stream(started.id):
        print(event.seq, event.type, event.node or "")

    done = client.get_execution(started.id)
    print(done.status.value, done.outputs["message"])

    try:
        client.start_execution("quickstart-py", {"name": 42})
    except UnprocessableError as e:  # the server's problem+json, typed
        print(e.kind, e.errors[0].pointer, e.errors[0].detail)
