// mount(): the elements for pages without React. The bundle carries its own React; the page gives an
// element and a session token (docs/elements.md#mount).
import { createRoot } from "react-dom/client";
import { CreditBalance, InvoiceList, UpcomingInvoice, UsageChart } from "./components/connected.js";
import { TallyElements, type TallyElementsProps } from "./components/provider.js";
import "./styles.css";

const ELEMENTS = {
  usage: UsageChart,
  upcomingInvoice: UpcomingInvoice,
  credits: CreditBalance,
  invoices: InvoiceList,
} as const;

export type ElementName = keyof typeof ELEMENTS;

export interface MountOptions extends Omit<TallyElementsProps, "children"> {
  /** Which elements, in this order; all four by default. */
  elements?: ElementName[];
}

export interface MountedElements {
  /** Removes the elements and closes the live connection. */
  unmount(): void;
}

export function mount(target: Element, options: MountOptions): MountedElements {
  const { elements = ["usage", "upcomingInvoice", "credits", "invoices"], ...props } = options;
  for (const name of elements) {
    if (!(name in ELEMENTS))
      throw new TypeError(`Unknown Tally element "${name}": use ${Object.keys(ELEMENTS).join(", ")}.`);
  }
  const root = createRoot(target);
  root.render(
    <TallyElements {...props}>
      <div className="tally-portal-grid">
        {elements.map((name) => {
          const Element = ELEMENTS[name];
          return <Element key={name} />;
        })}
      </div>
    </TallyElements>,
  );
  return { unmount: () => root.unmount() };
}
