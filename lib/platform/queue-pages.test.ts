import { expect, test } from "vitest";
import { queueCursor, queuePage } from "./queue-pages";

test("queuePage: the extra row only says a next page exists", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}` }));
  expect(queuePage(rows(3), 3)).toEqual({ items: rows(3), next: null });
  expect(queuePage(rows(4), 3)).toEqual({ items: rows(3), next: "c2" });
  expect(queuePage([], 3)).toEqual({ items: [], next: null });
});

test("queueCursor: an id of ours is a cursor; anything else starts at the top", () => {
  expect(queueCursor("cabc_12-x")).toEqual({ cursor: { id: "cabc_12-x" }, skip: 1 });
  for (const bad of [undefined, "", "a b", "x".repeat(65), "1;DROP"]) expect(queueCursor(bad)).toEqual({});
});
