// The portal's session token: read from the URL fragment, moved out of the address bar into the tab's storage.
import { afterEach, describe, expect, it } from "vitest";
import { readFragmentToken, takeSessionToken } from "../portal/fragment-token.js";

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, "", "/");
});

describe("the portal's session token", () => {
  it("is the fragment's token parameter, and only a cs_ token", () => {
    expect(readFragmentToken("#token=cs_abc")).toBe("cs_abc");
    expect(readFragmentToken("#lang=fr&token=cs_abc")).toBe("cs_abc");
    expect(readFragmentToken("#token=sk_test_abc")).toBeNull();
    expect(readFragmentToken("")).toBeNull();
  });

  it("leaves the address bar and survives a reload of the tab", () => {
    history.replaceState(null, "", "/portal?x=1#token=cs_secret");
    expect(takeSessionToken(location, history, sessionStorage)).toBe("cs_secret");
    expect(location.href).not.toContain("cs_secret");
    expect(location.pathname + location.search).toBe("/portal?x=1");
    // The reload: no fragment any more, the tab's storage still has it.
    expect(takeSessionToken(location, history, sessionStorage)).toBe("cs_secret");
  });

  it("is replaced by a new link's token", () => {
    sessionStorage.setItem("tally.portal.session", "cs_old");
    history.replaceState(null, "", "/portal#token=cs_new");
    expect(takeSessionToken(location, history, sessionStorage)).toBe("cs_new");
  });
});
