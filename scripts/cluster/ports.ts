/** Loopback ports for the scale-out checks' servers: only 4100-4199 are theirs. */
import net from "node:net";

const PORT_RANGE = { from: 4100, to: 4199 };
const handedOut = new Set<number>();

/** A loopback port in 4100-4199 (the range these checks are allowed) that nothing listens on. */
export async function portInRange(): Promise<number> {
  const span = PORT_RANGE.to - PORT_RANGE.from + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = PORT_RANGE.from + ((start + i) % span);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${PORT_RANGE.from}-${PORT_RANGE.to}`);
}
