/**
 * Responses are written by fast-json-stringify from the JSON Schema of each route's zod response
 * schema: the same contract, compiled once into a function that emits only the declared fields
 * (what a presenter did not put in the view cannot leak) and is several times faster than
 * validating with zod and calling JSON.stringify on every response.
 */
import type { FastifySerializerCompiler } from 'fastify';
import fastJsonStringify from 'fast-json-stringify';
import { z } from 'zod';

type Serializer = (data: unknown) => string;

export const zodResponseSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  if (!(schema instanceof z.ZodType)) return (data: unknown) => JSON.stringify(data);
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-07', io: 'output', unrepresentable: 'any' });
  const serialize: Serializer = fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]);
  return serialize;
};
