/**
 * The frames a socket is sent in one event-loop turn leave together: the socket is corked at its
 * first frame of the turn and uncorked once the turn's I/O callbacks have run (setImmediate), so
 * Node writes them with one system call, and a quiet link carries them in one packet.
 *
 * Why: with many people on a server, one turn handles several incoming messages of the same
 * board, and each of the board's peers is sent a frame for every one of them. Written one by one,
 * each costs a system call, a packet and a wake-up of the receiving device. Measured with 1,000
 * stock clients on 125 boards (docs/benchmarks.md): fan-out p99 487–802 ms before, 128–145 ms
 * after, at the same CPU per message. With few people a turn holds one frame per socket and
 * nothing changes but the moment of the write: later in the same loop iteration, or, for a frame
 * sent from an immediate (a relay after the store's commit), in the next one, which does not wait
 * for I/O while an immediate is pending.
 *
 * Closing needs nothing here: ws ends a socket with `end()`, which uncorks it, and a destroyed
 * socket ignores the uncork.
 */
import type { Writable } from 'node:stream';

const corked = new Set<Writable>();

/** Holds what is written to `socket` from now until the end of this turn, then sends it at once. */
export function holdUntilTurnEnds(socket: Writable): void {
	if (corked.has(socket)) return;
	if (corked.size === 0) setImmediate(releaseAll);
	corked.add(socket);
	socket.cork();
}

function releaseAll(): void {
	for (const socket of corked) socket.uncork();
	corked.clear();
}
