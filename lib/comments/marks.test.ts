import { describe, expect, test } from "vitest";
import { applyMarks, commentIdsOf, withMarks } from "./marks";

type Fake = { id: string; state: "VISIBLE" | "HIDDEN" | "REMOVED"; body: string | null; editableUntil: string | null; mine: boolean; flaggedByMe: boolean; author: { name: string }; replies: Fake[] };
const comment = (id: string, state: Fake["state"] = "VISIBLE", replies: Fake[] = []): Fake => ({
  id,
  state,
  body: state === "VISIBLE" ? `text of ${id}` : null,
  editableUntil: null,
  mine: false,
  flaggedByMe: false,
  author: { name: "A" },
  replies,
});

describe("a member's marks on everyone's comments", () => {
  const threads = [comment("a", "VISIBLE", [comment("a1"), comment("a2", "HIDDEN")]), comment("b", "HIDDEN"), comment("c", "REMOVED")];

  test("ids cover threads and replies", () => {
    expect(commentIdsOf(threads)).toEqual(["a", "a1", "a2", "b", "c"]);
  });

  test("own comments, own hidden texts, edit windows only while visible, flags; the rest untouched", () => {
    const until = "2026-11-30T15:00:00.000Z";
    const marked = applyMarks(threads, {
      a: { mine: true, flaggedByMe: false, editableUntil: until },
      a2: { mine: true, flaggedByMe: false, editableUntil: until, hiddenBody: "my hidden reply" },
      b: { mine: false, flaggedByMe: true, editableUntil: null },
      c: { mine: true, flaggedByMe: false, editableUntil: until, hiddenBody: "was mine" },
    });
    expect(marked[0]).toMatchObject({ mine: true, editableUntil: until, body: "text of a" });
    expect(marked[0].replies[0]).toBe(threads[0].replies[0]);
    expect(marked[0].replies[1]).toMatchObject({ mine: true, body: "my hidden reply", editableUntil: null });
    expect(marked[1]).toMatchObject({ mine: false, flaggedByMe: true, body: null });
    // A removed comment's text is never shown, to its author either.
    expect(marked[2]).toMatchObject({ mine: true, body: null, editableUntil: null });
    expect(marked[0].author).toBe(threads[0].author);
  });

  test("no marks: the same page", () => {
    const page = { threads, next: null };
    expect(withMarks(page, {})).toBe(page);
    expect(applyMarks(threads, {})).toBe(threads);
  });
});
