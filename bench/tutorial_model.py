#!/usr/bin/env python3
"""The seed tutorial's model in Python asyncio, for `cascade bench` to compare engines on one machine.

Written for Cascade Lab from the model in DESIGN.md (not the tutorial's code): a downstream service
with the tutorial's load-dependent latency and failures, an RPC path (timeout, retries with full-jitter
backoff, a bulkhead) and an event path (a bounded queue, consumers that retry by re-publishing).
With --zero-latency the service answers at once and never fails, so what is measured is the
engine's own cost per attempt: attempts per second of the machine's time.

    python3 bench/tutorial_model.py --path rpc --requests 100000 --zero-latency
"""
import argparse
import asyncio
import random
import time


class Service:
    def __init__(self, capacity, base_ms, jitter_ms, fail_p, overload_ms, overload_fail_p):
        self.capacity, self.base_ms, self.jitter_ms = capacity, base_ms, jitter_ms
        self.fail_p, self.overload_ms, self.overload_fail_p = fail_p, overload_ms, overload_fail_p
        self.inflight = 0
        self.attempts = 0

    async def handle(self):
        self.attempts += 1
        self.inflight += 1
        try:
            load = max(0.5, self.inflight / (self.capacity / 10))
            latency = self.base_ms + random.random() * self.jitter_ms
            fail_p = self.fail_p
            if load > 1:
                latency += (load - 1) * self.overload_ms
                fail_p = min(0.95, self.fail_p + (load - 1) * self.overload_fail_p)
            fails = random.random() < fail_p
            await asyncio.sleep(latency / 1000)
            if fails:
                raise RuntimeError("downstream error")
        finally:
            self.inflight -= 1


def backoff_ms(attempt, base=20, cap=400):
    return random.random() * min(cap, base * 2 ** (attempt - 1))


async def rpc(service, requests, timeout_ms=120, retries=3, bulkhead=40):
    permits = asyncio.Semaphore(bulkhead)
    ended = {"ok": 0, "failed": 0}

    async def one():
        for attempt in range(1, retries + 2):
            try:
                async with permits:
                    await asyncio.wait_for(service.handle(), timeout_ms / 1000)
                ended["ok"] += 1
                return
            except (asyncio.TimeoutError, RuntimeError):
                if attempt <= retries:
                    await asyncio.sleep(backoff_ms(attempt) / 1000)
        ended["failed"] += 1

    await asyncio.gather(*(one() for _ in range(requests)))
    return ended


async def events(service, requests, consumers=16, timeout_ms=200, retries=3, capacity=1_000_000):
    queue = asyncio.Queue(maxsize=capacity)
    ended = {"ok": 0, "dead_lettered": 0, "dropped": 0}
    left = [requests]

    async def consume():
        while left[0] > 0:
            tries = await queue.get()
            if tries is None:
                return
            try:
                await asyncio.wait_for(service.handle(), timeout_ms / 1000)
                ended["ok"] += 1
                left[0] -= 1
            except (asyncio.TimeoutError, RuntimeError):
                if tries < retries + 1:
                    await asyncio.sleep(backoff_ms(tries) / 1000)
                    queue.put_nowait(tries + 1)
                else:
                    ended["dead_lettered"] += 1
                    left[0] -= 1
        for _ in range(consumers):
            queue.put_nowait(None)  # wake the others: there is nothing left

    for _ in range(requests):
        queue.put_nowait(1)
    workers = [asyncio.create_task(consume()) for _ in range(consumers)]
    await asyncio.wait(workers)
    return ended


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", choices=["rpc", "events"], required=True)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--zero-latency", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    if args.zero_latency:
        service = Service(1e12, 0, 0, 0, 0, 0)
    else:
        service = Service(250, 8, 6, 0.05, 50, 0.40)
    start = time.perf_counter()
    run = rpc if args.path == "rpc" else events
    ended = asyncio.run(run(service, args.requests))
    seconds = time.perf_counter() - start
    print(f"path={args.path} requests={args.requests} attempts={service.attempts} seconds={seconds:.3f} "
          f"attempts_per_second={service.attempts / seconds:.0f} ended={ended}")


if __name__ == "__main__":
    main()
