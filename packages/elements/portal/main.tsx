// The customer portal (/portal#token=cs_…): the session token comes from the URL fragment, which the
// browser never sends to a server, and is moved out of the address bar into this tab's session storage
// (a reload keeps working; history, bookmarks and screen shares do not show it).
import { createRoot } from "react-dom/client";
import { CustomerPortal, TallyElements, useTallyElements } from "../src/index.js";
import { takeSessionToken } from "./fragment-token.js";

function CustomerName() {
  const { state } = useTallyElements();
  const name = state.status === "ready" ? state.snapshot.customerName : null;
  return name ? <p className="tally-portal-customer">{name}</p> : null;
}

const token = takeSessionToken(window.location, window.history, window.sessionStorage);

createRoot(document.getElementById("portal")!).render(
  <TallyElements token={token} baseUrl={window.location.origin}>
    <CustomerName />
    <CustomerPortal />
  </TallyElements>,
);
