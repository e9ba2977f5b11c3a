import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../electron/store/validation';
import { COMMAND_NAMES, commandSchemas } from '../../shared/workflow';
import { COMMAND_FIELDS, fieldOfIssue, initialValues, payloadOf, type DialogField } from '../../renderer/features/case/commandFields';
import { registeredCase } from './fixtures';

const ctx = { record: registeredCase(), staffId: 'h01' };

/** Anything a clerk could type or paste: the well-formed, the empty, and the broken. */
const typed = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u3000', '2026-03-10', '2026-02-30', '13812345678', '１３８１２３４５６７８', 'h01', '200', '-1', '1e9', 'abc'),
);

function valueOf(f: DialogField): fc.Arbitrary<string | boolean> {
  if (f.kind === 'switch') return fc.boolean();
  if (f.kind === 'select') return fc.constantFrom(...f.options!);
  return typed;
}

describe.each(COMMAND_NAMES.filter((name) => (COMMAND_FIELDS[name]?.length ?? 0) > 0))('%s dialog', (name) => {
  const fields = COMMAND_FIELDS[name]!;
  const values = fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f)])));

  it('whatever is typed, the payload is accepted or every refusal points at one of its fields', () => {
    fc.assert(
      fc.property(values, (typedValues) => {
        const parsed = commandSchemas[name].safeParse(payloadOf(name, { ...initialValues(name, ctx), ...typedValues }, ctx));
        const unplaced = parsed.success
          ? []
          : zodIssues(parsed.error, 'command.payload').filter((i) => fieldOfIssue(name, i.path) === undefined);
        expect(unplaced).toEqual([]);
      }),
    );
  });
});
