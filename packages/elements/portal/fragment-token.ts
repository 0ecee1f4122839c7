// The session token of a portal link, `#token=cs_…` (read as URL parameters, so other keys may sit beside it).

const STORAGE_KEY = "tally.portal.session";

export function readFragmentToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token?.startsWith("cs_") ? token : null;
}

/** The link's token, moved into the tab's storage and out of the address bar; else the one stored by an earlier load of this tab. */
export function takeSessionToken(location: Location, history: History, storage: Storage): string | null {
  const fromLink = readFragmentToken(location.hash);
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  if (fromLink) storage.setItem(STORAGE_KEY, fromLink);
  return fromLink ?? storage.getItem(STORAGE_KEY);
}
