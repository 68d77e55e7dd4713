/** A TCP proxy in front of the server whose connections the test can cut, as a network would. */
import net from "node:net";

export class CuttingProxy {
  accepted = 0;
  private readonly open = new Set<net.Socket>();
  private readonly server: net.Server;

  private constructor(targetPort: number) {
    this.server = net.createServer((downstream) => {
      this.accepted++;
      const upstream = net.connect(targetPort, "127.0.0.1");
      for (const s of [downstream, upstream]) {
        this.open.add(s);
        s.on("close", () => this.open.delete(s));
        s.on("error", () => {});
      }
      downstream.pipe(upstream);
      upstream.pipe(downstream);
      downstream.on("close", () => upstream.destroy());
      upstream.on("close", () => downstream.destroy());
    });
  }

  /** A proxy listening on a free loopback port. */
  static async start(targetPort: number): Promise<CuttingProxy> {
    const proxy = new CuttingProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Resets every connection in flight; new ones are still accepted. */
  cut(): void {
    for (const s of this.open) s.resetAndDestroy();
    this.open.clear();
  }

  close(): void {
    this.cut();
    this.server.close();
  }
}
