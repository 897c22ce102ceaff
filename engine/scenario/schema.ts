import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describeError, pickError } from './describe-error.js';
import { schemaPath } from './resources.js';
import type { Source } from './source.js';

type Validators = { readonly scenario: ValidateFunction; readonly plantModel: ValidateFunction };

let compiled: Validators | undefined;

/** The scenario schema's validators, compiled once on first use. */
function validators(): Validators {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(schemaPath('scenario.schema.json'), 'utf8')) as AnySchemaObject;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, strictRequired: false });
  (addFormats as unknown as (a: Ajv2020, formats: string[]) => void)(ajv, ['date-time']);
  ajv.addSchema(schema);
  const id = schema.$id as string;
  const scenario = ajv.getSchema(id);
  const plantModel = ajv.getSchema(`${id}#/$defs/plantModel`);
  if (!scenario || !plantModel) throw new Error(`scenario.schema.json: cannot compile ${id}`);
  compiled = { scenario, plantModel };
  return compiled;
}

/** Check a scenario file against the schema; the first clear problem throws a ScenarioError. */
export function validateScenarioFile(src: Source): void {
  check(validators().scenario, src);
}

/** Check a plant model (a bundled file or an inline `plant:` object at `prefix`) against the schema. */
export function validatePlantModel(src: Source, data: unknown, prefix: ReadonlyArray<string | number> = []): void {
  check(validators().plantModel, src, data, prefix);
}

function check(validate: ValidateFunction, src: Source, data: unknown = src.data, prefix: ReadonlyArray<string | number> = []): void {
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  const err = pickError(errors) ?? errors[0];
  if (!err) src.fail(prefix, 'a value the schema accepts');
  const d = describeError(err);
  src.fail([...prefix, ...d.path], d.expected, d.got, { key: d.key });
}
