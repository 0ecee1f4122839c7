// Resolving `Authorization: Bearer <key>` to who is calling. Unknown or missing keys are a
// top-level UNAUTHENTICATED error with HTTP 401.
import { GraphQLError } from "graphql";
import type { AppDeps, Auth } from "../context.js";
import { hashKey, sameSecret } from "./keys.js";

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export async function authenticate(request: Request, deps: AppDeps): Promise<Auth> {
  const token = bearerToken(request);
  if (!token) throw unauthenticated("Missing API key: send `Authorization: Bearer <secret key>`.");
  if (deps.adminKey && sameSecret(token, deps.adminKey)) return { kind: "operator" };
  const key = await deps.database.prisma.apiKey.findUnique({
    where: { keyHash: hashKey(token) },
    select: { accountId: true, mode: true },
  });
  if (!key) throw unauthenticated("Invalid API key.");
  return { kind: "tenant", scope: { accountId: key.accountId, mode: key.mode } };
}
