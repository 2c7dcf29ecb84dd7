"use client";
// A list: an array input with a declared item type (order lines), edited as cards (one per item, with its fields)
// or as single values, with Add, Remove and Move up/down, or mapped from data as one expression.
import { ArrowDown, ArrowUp, Plus, X } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "../../ui/button";
import { domKey, hasMissingUnder, useFieldContext, type FieldSlot } from "./field-context";
import { GroupFields } from "./object-field";
import { StructuredField } from "./structured-field";
import { moveItem } from "./structured-value";

const iconButton =
  "grid h-7 w-7 place-items-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:pointer-events-none disabled:opacity-30";

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function ArrayField(slot: FieldSlot) {
  const { field, path, value, onChange } = slot;
  const { missing, renderField } = useFieldContext();
  const item = field.item;
  const items: unknown[] = Array.isArray(value) ? value : [];
  const key = domKey(path);
  const itemTitle = item?.title ?? "Item";
  const noun = itemTitle.toLowerCase();
  // Stable keys, so the cards' own state (a nested switch) follows an item that moves. A change made elsewhere
  // (undo) may change the count; the keys then fall back to positions until the next edit here.
  const nextId = useRef(items.length);
  const [ids, setIds] = useState(() => items.map((_, index) => index));
  const keys = ids.length === items.length ? ids : items.map((_, index) => -1 - index);

  if (!item) return null;
  const firstInput = (index: number) => {
    if (item.kind !== "group") return `field-input-${key}-${index}`;
    const first = item.fields?.[0];
    return first ? `field-input-${key}-${index}-${domKey(first.name)}` : `add-item-${key}`;
  };

  const add = () => {
    setIds([...keys, nextId.current++]);
    onChange([...items, item.kind === "group" ? {} : ""]);
    focusLater(firstInput(items.length));
  };
  const remove = (index: number) => {
    setIds(keys.filter((_, i) => i !== index));
    onChange(items.length === 1 ? undefined : items.filter((_, i) => i !== index));
    // Focus stays where the user was: on the item that took this one's place, else the one before, else Add.
    const next = Math.min(index, items.length - 2);
    focusLater(next >= 0 ? `remove-item-${key}-${next}` : `add-item-${key}`);
  };
  const move = (index: number, to: number) => {
    setIds(moveItem(keys, index, to));
    onChange(moveItem(items, index, to));
    // The same button keeps focus, unless the item reached the end where that button is disabled.
    const atEnd = to === 0 || to === items.length - 1;
    const same = to < index ? "move-up" : "move-down";
    focusLater(`${atEnd ? (same === "move-up" ? "move-down" : "move-up") : same}-${key}-${to}`);
  };
  const change = (index: number, next: unknown) =>
    onChange(items.map((entry, i) => (i === index ? (next ?? (item.kind === "group" ? {} : "")) : entry)));

  const controls = (index: number) => {
    const name = `${noun} ${index + 1}`;
    return (
      <div className="flex shrink-0 items-center">
        <button
          type="button"
          id={`move-up-${key}-${index}`}
          data-testid={`move-up-${key}-${index}`}
          aria-label={`Move ${name} up`}
          className={iconButton}
          disabled={index === 0}
          onClick={() => move(index, index - 1)}
        >
          <ArrowUp size={14} aria-hidden />
        </button>
        <button
          type="button"
          id={`move-down-${key}-${index}`}
          data-testid={`move-down-${key}-${index}`}
          aria-label={`Move ${name} down`}
          className={iconButton}
          disabled={index === items.length - 1}
          onClick={() => move(index, index + 1)}
        >
          <ArrowDown size={14} aria-hidden />
        </button>
        <button
          type="button"
          id={`remove-item-${key}-${index}`}
          data-testid={`remove-item-${key}-${index}`}
          aria-label={`Remove ${name}`}
          className={`${iconButton} hover:text-red-700`}
          onClick={() => remove(index)}
        >
          <X size={15} aria-hidden />
        </button>
      </div>
    );
  };

  return (
    <StructuredField slot={slot} editLabel={`Edit ${noun}s`} emptyMessage={`Add at least one ${noun}.`}>
      {items.length === 0 && <p className="text-xs text-slate-500">No {noun}s yet.</p>}
      {items.length > 0 && (
        <ol className="flex flex-col gap-2" aria-label={field.title}>
          {items.map((entry, index) => {
            const itemPath = `${path}.${index}`;
            const title = `${itemTitle} ${index + 1}`;
            if (item.kind !== "group") {
              return (
                <li key={keys[index]} data-testid={`list-item-${key}-${index}`}>
                  {renderField({
                    field: { ...item, title },
                    path: itemPath,
                    value: entry,
                    onChange: (next) => change(index, next),
                    actions: controls(index),
                  })}
                </li>
              );
            }
            const invalid = hasMissingUnder(missing, itemPath);
            return (
              <li
                key={keys[index]}
                data-testid={`list-item-${key}-${index}`}
                aria-label={title}
                className={`flex flex-col gap-3 rounded-md border bg-slate-50 p-3 ${invalid ? "border-red-300" : "border-slate-200"}`}
              >
                <div className="-my-1 -mr-1.5 flex items-center justify-between gap-2">
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
                  {controls(index)}
                </div>
                <GroupFields
                  fields={item.fields ?? []}
                  path={itemPath}
                  value={entry}
                  onChange={(next) => change(index, next)}
                />
              </li>
            );
          })}
        </ol>
      )}
      <Button id={`add-item-${key}`} data-testid={`add-item-${key}`} className="self-start" onClick={add}>
        <Plus size={14} aria-hidden /> Add {noun}
      </Button>
    </StructuredField>
  );
}
