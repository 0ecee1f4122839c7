// Products (docs/concepts/prices.md): what a customer buys; prices hang off them.
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Prisma, Product } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { byId } from "../db/tenant-scope.js";

export interface CreateProductInput {
  name: string;
  description?: string | null;
}

/** Absent fields stay as they are; `description: null` removes the description. */
export interface UpdateProductInput {
  id: string;
  name?: string | null;
  description?: string | null;
  active?: boolean | null;
}

/** The GraphQL layer's Prisma selection for the returned product (relations folded into one query). */
type ProductQuery = Pick<Prisma.ProductCreateArgs, "include" | "select">;

function validName(raw: string | null): string {
  const name = raw?.trim() ?? "";
  if (name.length < 1 || name.length > 250)
    throw new InvalidInputError("name must be 1–250 characters", ["input", "name"]);
  return name;
}

function validDescription(raw: string | null | undefined): string | null {
  const description = raw?.trim() || null;
  if (description && description.length > 5000) {
    throw new InvalidInputError("description must be at most 5000 characters", ["input", "description"]);
  }
  return description;
}

export async function createProduct(
  tenant: Tenant,
  input: CreateProductInput,
  query: ProductQuery = {},
): Promise<Product> {
  return tenant.prisma.product.create({
    ...query,
    data: {
      id: newId("Product"),
      ...tenant.scope,
      name: validName(input.name),
      description: validDescription(input.description),
    },
  });
}

/** The tenant's product, or NOT_FOUND on `field`. */
export async function findProduct(tenant: Tenant, id: string, field: string[]): Promise<Product> {
  const product = await tenant.prisma.product.findUnique({ where: byId(tenant.scope, id) });
  if (!product) throw new NotFoundError(`No product ${id}`, field);
  return product;
}

export async function updateProduct(
  tenant: Tenant,
  input: UpdateProductInput,
  query: ProductQuery = {},
): Promise<Product> {
  if (input.active === null)
    throw new InvalidInputError("active cannot be null; omit it to keep the current value", ["input", "active"]);
  const data = {
    ...(input.name !== undefined ? { name: validName(input.name) } : {}),
    ...(input.description !== undefined ? { description: validDescription(input.description) } : {}),
    ...(input.active != null ? { active: input.active } : {}),
  };
  await findProduct(tenant, input.id, ["input", "id"]);
  return tenant.prisma.product.update({ ...query, where: byId(tenant.scope, input.id), data });
}
