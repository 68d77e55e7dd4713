package io.aispine.server.internal.events;

import io.aispine.execution.ExecutionEvent;
import io.aispine.server.internal.http.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The response side of one server-sent events stream. Writes go straight to the servlet stream and
 * are flushed per message, so nothing waits in a buffer.
 */
final class SseChannel {

  private final OutputStream out;

  private SseChannel(OutputStream out) {
    this.out = out;
  }

  /** Starts the stream: status 200, the event-stream headers, flushed at once. */
  static SseChannel open(Context ctx) throws IOException {
    var res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream;charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    // tell reverse proxies (nginx) not to buffer the stream
    res.setHeader("X-Accel-Buffering", "no");
    var channel = new SseChannel(res.getOutputStream());
    channel.comment("connected");
    return channel;
  }

  /** One message: {@code id}, {@code event} (the event type) and the CloudEvent as data. */
  void send(String id, ExecutionEvent event) throws IOException {
    String message =
        "id: "
            + id
            + "\nevent: "
            + event.type().wireName()
            + "\ndata: "
            + new String(Json.bytes(CloudEvents.of(event)), StandardCharsets.UTF_8)
            + "\n\n";
    out.write(message.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * A piece of a running node's output: event {@code node.output.delta}, no id (it is not stored,
   * so a client resumes after the last stored event), data a CloudEvent like the stored ones.
   */
  void send(OutputDelta delta) throws IOException {
    var data = new java.util.LinkedHashMap<String, Object>();
    data.put("attempt", delta.attempt());
    data.put("text", delta.text());
    var cloud = new java.util.LinkedHashMap<String, Object>();
    cloud.put("specversion", "1.0");
    cloud.put("id", delta.executionId() + "/" + delta.nodePath() + "/delta");
    cloud.put("source", "/executions/" + delta.executionId());
    cloud.put("type", "io.aispine.node.output.delta");
    cloud.put("subject", delta.nodePath());
    cloud.put("datacontenttype", "application/json");
    cloud.put("data", data);
    String message =
        "event: node.output.delta\ndata: "
            + new String(Json.bytes(cloud), StandardCharsets.UTF_8)
            + "\n\n";
    out.write(message.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A comment line, ignored by clients; keeps proxies and idle timeouts from closing us. */
  void comment(String text) throws IOException {
    out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
