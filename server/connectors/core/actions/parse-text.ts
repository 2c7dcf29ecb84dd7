// Parse text: XML, CSV or JSON text (a file's content, a reply read as text, a message) into data later steps map
// like any other: XML as webhooks read it, CSV as rows named by the header line.
import { z } from "zod";
import { defineAction, field } from "../../sdk";
import { parseText, textFormatLabels, textFormats } from "./text-formats";

export const parseTextAction = defineAction({
  key: "parseText",
  computesOnly: true,
  label: "Parse text",
  description: "Reads XML, CSV or JSON text into data that later steps can map.",
  group: "Toolbox",
  input: z.object({
    format: z
      .enum(textFormats)
      .default("xml")
      .meta(field({ title: "Format", enumLabels: textFormatLabels, order: 1 })),
    text: z
      .string()
      .min(1)
      .max(10 * 1024 * 1024)
      .meta(
        field({
          title: "Text",
          placeholder: "{{ steps.fetch.body }}",
          widget: "textarea",
          description: "XML keeps its root element; attributes become fields; values stay text.",
          order: 2,
        }),
      ),
    delimiter: z
      .string()
      .min(1)
      .max(1)
      .default(",")
      .meta(field({ title: "Delimiter", visibleWhen: { field: "format", equals: "csv" }, order: 3 })),
    header: z
      .boolean()
      .default(true)
      .meta(
        field({
          title: "First line names the columns",
          description: "Each row becomes an object with those names; otherwise a list of its values.",
          visibleWhen: { field: "format", equals: "csv" },
          order: 4,
        }),
      ),
  }),
  output: z.object({ data: z.unknown().meta({ title: "Data", description: "What the text holds." }) }),
  async run({ input }) {
    return { data: parseText(input.text, input.format, { delimiter: input.delimiter, header: input.header }) };
  },
});
