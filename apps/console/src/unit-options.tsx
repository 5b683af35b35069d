/*
 * How a unit is offered in a picker (单位), the same on every page that asks for one: by its name, with its id as
 * the value (the API takes a unit by id or name; the id is never ambiguous, two villages may share a name).
 */

/** The `<option>`s of a unit picker, in the order given; a page adds its own "all" option before them. */
export const UnitOptions = ({ units }: { units: ReadonlyArray<{ readonly id: number; readonly name: string }> }) => (
  <>
    {units.map((u) => (
      <option key={u.id} value={String(u.id)}>
        {u.name}
      </option>
    ))}
  </>
)
