// Build text: data (mapped field by field, or from earlier steps) written as JSON, XML or CSV text, serialised by
// the library for the format, for a request body, a file or a message.
import { z } from "zod";
import { defineAction, field } from "../../sdk";
import { buildText, contentTypes, textFormatLabels, textFormats } from "./text-formats";

export const buildTextAction = defineAction({
  key: "buildText",
  computesOnly: true,
  label: "Build text",
  description: "Writes data as JSON, XML or CSV text.",
  group: "Toolbox",
  input: z.object({
    format: z
      .enum(textFormats)
      .default("xml")
      .meta(field({ title: "Format", enumLabels: textFormatLabels, order: 1 })),
    data: z
      .unknown()
      .refine((value) => value !== undefined, "is required")
      .meta(
        field({
          title: "Data",
          description:
            'XML: one root key ({ "Order": { … } }); CSV: a list of rows (objects named by column, or lists).',
          widget: "json",
          order: 2,
        }),
      ),
    valuesAs: z
      .enum(["elements", "attributes"])
      .default("elements")
      .meta(
        field({
          title: "Write values as",
          enumLabels: { elements: "Child elements", attributes: "Attributes (Sterling's style)" },
          visibleWhen: { field: "format", equals: "xml" },
          order: 3,
        }),
      ),
    delimiter: z
      .string()
      .min(1)
      .max(1)
      .default(",")
      .meta(field({ title: "Delimiter", visibleWhen: { field: "format", equals: "csv" }, order: 4 })),
    header: z
      .boolean()
      .default(true)
      .meta(field({ title: "Write a header line", visibleWhen: { field: "format", equals: "csv" }, order: 5 })),
    pretty: z
      .boolean()
      .default(false)
      .meta(field({ title: "Indent", visibleWhen: { field: "format", equals: "json" }, order: 6 })),
  }),
  output: z.object({
    text: z.string().meta({ title: "Text" }),
    contentType: z.string().meta({ title: "Content type", description: "For a request's Content-Type header." }),
  }),
  async run({ input }) {
    const text = buildText(input.data, input.format, {
      pretty: input.pretty,
      xmlValuesAs: input.valuesAs,
      csv: { delimiter: input.delimiter, header: input.header },
    });
    return { text, contentType: contentTypes[input.format] };
  },
});
