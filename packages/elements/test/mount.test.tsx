// mount(): the elements without React on the page, and unmount() taking them away.
import { act } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { mount } from "../src/mount.js";

// React's act() warns outside a test environment it knows; this is one.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = "";
});

describe("mount", () => {
  it("renders into the element and unmounts cleanly", async () => {
    const target = document.body.appendChild(document.createElement("div"));
    let mounted: ReturnType<typeof mount> | undefined;
    await act(async () => {
      mounted = mount(target, { token: null });
    });
    expect(target.querySelector("[role=alert]")?.textContent).toContain("no session token");
    await act(async () => mounted!.unmount());
    expect(target.innerHTML).toBe("");
  });

  it("refuses an unknown element name", () => {
    const target = document.body.appendChild(document.createElement("div"));
    expect(() => mount(target, { token: "cs_x", elements: ["usage", "charts" as never] })).toThrow(
      /Unknown Tally element "charts"/,
    );
  });
});
