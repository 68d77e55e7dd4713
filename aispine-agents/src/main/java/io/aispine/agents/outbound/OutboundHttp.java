package io.aispine.agents.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Sends requests on a user's behalf under an {@link OutboundPolicy}.
 *
 * <p>Why Jetty's client and not {@code java.net.http.HttpClient}: the policy must check the very
 * addresses that are connected to. The JDK client resolves host names itself and has no resolver
 * hook; connecting it to a checked IP would need the {@code Host} header, which it refuses unless
 * the JVM starts with {@code -Djdk.httpclient.allowRestrictedHeaders=host}, and for HTTPS it would
 * then send no SNI and check the certificate against the IP. Jetty's client asks a {@link
 * org.eclipse.jetty.util.SocketAddressResolver} for the addresses of every new connection: here
 * that resolver resolves the host once, checks every address with the policy and hands back exactly
 * those, while TLS still uses the host name for SNI and certificate checks. A DNS answer that
 * changes after the check (DNS rebinding) is never consulted.
 *
 * <p>Redirects are followed here, not by Jetty, and only as many as the request allows: each hop is
 * a new request whose connection is checked again; an HTTPS URL is never followed to plain HTTP,
 * and credentials ({@code Authorization}, {@code Cookie}) are dropped when a redirect leaves the
 * origin. No cookies are kept, no proxy is used and no content is decoded.
 */
public final class OutboundHttp implements AutoCloseable {

  /** How long connecting may take unless the client is told otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final List<String> CREDENTIALS =
      List.of("authorization", "proxy-authorization", "cookie");

  private final OutboundPolicy policy;
  private final HttpClient client;

  /** A client under {@code policy} with the default connect timeout. */
  public OutboundHttp(OutboundPolicy policy) {
    this(policy, DEFAULT_CONNECT_TIMEOUT);
  }

  /** A client under {@code policy} that gives up connecting after {@code connectTimeout}. */
  public OutboundHttp(OutboundPolicy policy, Duration connectTimeout) {
    this.policy = Objects.requireNonNull(policy, "policy");
    var threads = new QueuedThreadPool(64, 2);
    threads.setName("aispine-outbound");
    threads.setDaemon(true); // a client nobody closed must not keep the JVM alive
    client = new HttpClient();
    client.setExecutor(threads);
    client.setScheduler(new ScheduledExecutorScheduler("aispine-outbound-timer", true));
    client.setConnectTimeout(connectTimeout.toMillis());
    client.setIdleTimeout(Duration.ofMinutes(1).toMillis());
    client.setFollowRedirects(false);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "aispine"));
    client.setSocketAddressResolver(this::resolve);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("the outbound HTTP client did not start", e);
    }
    // Decoders and protocol handlers are installed at start. Without decoders the body and its
    // headers stay as sent; without these handlers a 401, 407 or redirect reaches the caller as
    // the answer it is, instead of being retried with stored credentials or failed for lacking a
    // challenge header.
    client.getContentDecoderFactories().clear();
    client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
    client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
    client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
  }

  /**
   * The client of a process that no one else sends requests through (a CLI run, a library call),
   * under {@link OutboundPolicy#localProcess()}; created on first use and never closed.
   */
  public static OutboundHttp forThisProcess() {
    return ThisProcess.CLIENT;
  }

  private static final class ThisProcess {
    static final OutboundHttp CLIENT = new OutboundHttp(OutboundPolicy.localProcess());
  }

  /** The policy every request of this client is checked against. */
  public OutboundPolicy policy() {
    return policy;
  }

  /**
   * Sends {@code request}, following as many redirects as it allows.
   *
   * @throws OutboundDeniedException when the policy refuses the URL or an address of its host
   * @throws HttpConnectTimeoutException when no connection could be made in time
   * @throws HttpTimeoutException when the whole exchange took longer than the request's timeout
   * @throws ResponseTooLargeException when the body is larger than the request allows
   * @throws IOException when the exchange failed otherwise (refused, reset, TLS, unknown host)
   * @throws InterruptedException when this thread is interrupted; the exchange is aborted
   */
  public OutboundResponse send(OutboundRequest request) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + request.timeout().toNanos();
    OutboundRequest current = request;
    for (int hop = 0; ; hop++) {
      policy.checkUrl(current.uri());
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      OutboundResponse response = exchange(current, left, request.timeout());
      Optional<OutboundRequest> next =
          hop < request.maxRedirects() ? redirect(current, response) : Optional.empty();
      if (next.isEmpty()) {
        return response;
      }
      current = next.get();
    }
  }

  private OutboundResponse exchange(OutboundRequest request, Duration left, Duration timeout)
      throws IOException, InterruptedException {
    long millis = Math.max(1, left.toMillis());
    Request exchange =
        client
            .newRequest(request.uri())
            .method(request.method())
            .timeout(millis, TimeUnit.MILLISECONDS)
            .headers(fields -> request.headers().forEach(fields::add));
    if (request.body() != null) {
      exchange.body(new BytesRequestContent(request.body()));
    }
    CompletableFuture<ContentResponse> answer =
        new CompletableResponseListener(exchange, request.maxResponseBytes()).send();
    ContentResponse response;
    try {
      response = answer.get();
    } catch (InterruptedException e) {
      exchange.abort(e);
      throw e;
    } catch (ExecutionException e) {
      throw failure(e.getCause(), request, timeout);
    }
    var headers = new LinkedHashMap<String, List<String>>();
    for (HttpField field : response.getHeaders()) {
      headers
          .computeIfAbsent(field.getLowerCaseName(), name -> new ArrayList<>())
          .add(field.getValue());
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    return new OutboundResponse(
        request.uri(), response.getStatus(), Map.copyOf(headers), response.getContent());
  }

  /** The request a redirect asks for, or empty when the response is no redirect to follow. */
  private static Optional<OutboundRequest> redirect(
      OutboundRequest request, OutboundResponse response) {
    int status = response.status();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
      return Optional.empty();
    }
    Optional<String> location = response.header("location");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    URI target;
    try {
      target = request.uri().resolve(location.get().strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // an unreadable Location: the caller gets the redirect itself
    }
    URI from = request.uri();
    if (from.getScheme().equalsIgnoreCase("https") && "http".equalsIgnoreCase(target.getScheme())) {
      return Optional.empty(); // never downgrade to cleartext
    }
    boolean toGet = status == 303 || (status <= 302 && request.method().equals("POST"));
    String method = toGet && !request.method().equals("HEAD") ? "GET" : request.method();
    var headers = new LinkedHashMap<String, String>();
    boolean sameOrigin = origin(from).equals(origin(target));
    request
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              boolean credential = CREDENTIALS.contains(lower);
              boolean content = toGet && lower.startsWith("content-");
              if ((sameOrigin || !credential) && !content) {
                headers.put(name, value);
              }
            });
    return Optional.of(request.to(method, target, headers, toGet ? null : request.body()));
  }

  private static String origin(URI uri) {
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** Jetty's address hook: resolve once, check every address, connect to exactly those. */
  private void resolve(
      String host,
      int port,
      Map<String, Object> context,
      Promise<List<InetSocketAddress>> promise) {
    // Name lookups block; Jetty may call this on a selector thread, which must never block.
    Thread.ofVirtual()
        .name("aispine-outbound-resolve")
        .start(
            () -> {
              List<InetAddress> addresses;
              try {
                addresses = policy.resolve(host, port);
              } catch (IOException | RuntimeException e) {
                promise.failed(e);
                return;
              }
              promise.succeeded(
                  addresses.stream().map(address -> new InetSocketAddress(address, port)).toList());
            });
  }

  private static IOException failure(Throwable cause, OutboundRequest request, Duration timeout) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof OutboundDeniedException denied) {
        return denied;
      }
      if (t instanceof UnknownHostException unknown) {
        return unknown;
      }
    }
    return switch (cause) {
      case TimeoutException e -> {
        var timedOut = new HttpTimeoutException("no response within " + timeout.toMillis() + " ms");
        timedOut.initCause(e);
        yield timedOut;
      }
      case SocketTimeoutException e -> {
        var timedOut = new HttpConnectTimeoutException("could not connect in time");
        timedOut.initCause(e);
        yield timedOut;
      }
      case IllegalArgumentException e when String.valueOf(e.getMessage()).contains("capacity") ->
          new ResponseTooLargeException(request.maxResponseBytes());
      case IOException e -> e;
      case null -> new IOException("the exchange failed");
      default -> new IOException(cause.getMessage(), cause);
    };
  }

  /** Stops the client: connections close, requests in flight fail. */
  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the outbound HTTP client did not stop cleanly", e);
    }
  }

  /** A response whose body is larger than the request allows. */
  public static final class ResponseTooLargeException extends IOException {
    private final int limit;

    ResponseTooLargeException(int limit) {
      super("the response body is larger than " + limit + " bytes");
      this.limit = limit;
    }

    /** The most bytes the request allowed. */
    public int limit() {
      return limit;
    }
  }
}
