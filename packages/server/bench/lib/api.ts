// A small GraphQL client for setting up scenarios over HTTP (the load itself goes through load.ts).
export type Obj = Record<string, any>;

export interface Api {
  url: string;
  key: string;
  gql<T = Obj>(query: string, variables?: Obj): Promise<T>;
  /** Runs `name(input:)` and returns its result, which must be a `typename`. */
  mutate(name: string, inputType: string, input: Obj, typename: string, fields?: string): Promise<Obj>;
}

export function api(url: string, key: string): Api {
  const gql = async <T>(query: string, variables?: Obj): Promise<T> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  return {
    url,
    key,
    gql,
    async mutate(name, inputType, input, typename, fields = "id") {
      const data = await gql<Obj>(
        `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename ... on ${typename} { ${fields} } ... on Error { code message } } }`,
        { input },
      );
      const result = data[name];
      if (result.__typename !== typename) throw new Error(`${name} failed: ${JSON.stringify(result)}`);
      return result;
    },
  };
}

/** A new account through the operator key; returns its test-mode API. */
export async function newAccount(url: string, adminKey: string, name: string): Promise<Api> {
  const operator = api(url, adminKey);
  const { testSecretKey } = await operator.mutate(
    "createAccount",
    "CreateAccountInput",
    { name },
    "AccountCredentials",
    "testSecretKey",
  );
  return api(url, testSecretKey);
}

/** A metered monthly price on `meterId` (per unit), with its product. */
export async function meteredPrice(a: Api, meterId: string, unitAmount: string): Promise<string> {
  const product = await a.mutate("createProduct", "CreateProductInput", { name: "Usage" }, "Product");
  const price = await a.mutate(
    "createPrice",
    "CreatePriceInput",
    {
      productId: product.id,
      currency: "usd",
      unitAmount,
      recurring: { interval: "MONTH", usageType: "METERED", meterId },
    },
    "Price",
  );
  return price.id;
}
