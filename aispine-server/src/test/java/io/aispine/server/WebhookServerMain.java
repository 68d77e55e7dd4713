package io.aispine.server;

import java.nio.file.Path;

/**
 * A server in a process of its own, for the crash test: prints {@code PORT <n>} (and {@code KEY
 * <admin key>} on a store's first start) and runs until it is killed.
 */
public final class WebhookServerMain {

  private WebhookServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    var server = AispineServer.start(new ServerConfig("127.0.0.1", 0, Path.of(args[0]), null));
    server.adminKeyCreated().ifPresent(key -> System.out.println("KEY " + key));
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
