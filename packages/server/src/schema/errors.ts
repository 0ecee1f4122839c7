// The contract's Error interface and the error types every mutation's result union may contain.
import { ERROR_CODES, InvalidInputError, NotFoundError, type TallyError } from "../errors.js";
import { builder } from "./builder.js";

export const ErrorCodeEnum = builder.enumType("ErrorCode", { values: ERROR_CODES });

export const ErrorInterface = builder.interfaceRef<TallyError>("Error").implement({
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, resolve: (e) => e.code }),
    message: t.exposeString("message"),
    field: t.stringList({
      nullable: true,
      description: 'Path of the input field at fault, e.g. ["input", "tiers", "1", "upTo"], when one is.',
      resolve: (e) => e.field,
    }),
  }),
});

builder.objectType(InvalidInputError, { name: "InvalidInputError", interfaces: [ErrorInterface] });
builder.objectType(NotFoundError, { name: "NotFoundError", interfaces: [ErrorInterface] });
