import {
  FieldConfigProperty,
  type FieldConfigPropertyItem,
  numberOverrideProcessor,
  type SelectableValue,
  type StandardEditorProps,
  type StandardEditorsRegistryItem,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  unitOverrideProcessor,
} from '@grafana/data';
import {
  ColorPicker,
  Input,
  MultiSelect,
  RadioButtonGroup,
  Select,
  Slider,
  Switch,
  TagsInput,
  TimeZonePicker,
  UnitPicker,
} from '@grafana/ui';
import type { ComponentType } from 'react';

type Editor = ComponentType<StandardEditorProps>;
type Choices = { options?: Array<SelectableValue<unknown>> };

const TextEditor: Editor = ({ value, onChange, item }) => (
  <Input
    value={value ?? ''}
    placeholder={item.settings?.placeholder}
    onChange={(e) => onChange(e.currentTarget.value)}
  />
);
const NumberEditor: Editor = ({ value, onChange, item }) => (
  <Input
    type="number"
    value={value ?? ''}
    min={item.settings?.min}
    max={item.settings?.max}
    step={item.settings?.step}
    onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
  />
);
const SliderEditor: Editor = ({ value, onChange, item, id }) => (
  <Slider
    inputId={id ?? item.id}
    value={value ?? item.settings?.min ?? 0}
    min={item.settings?.min ?? 0}
    max={item.settings?.max ?? 100}
    step={item.settings?.step}
    onChange={onChange}
  />
);
const BooleanEditor: Editor = ({ value, onChange }) => (
  <Switch value={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} />
);
const RadioEditor: Editor = ({ value, onChange, item }) => (
  <RadioButtonGroup value={value} options={(item.settings as Choices)?.options ?? []} onChange={onChange} />
);
const SelectEditor: Editor = ({ value, onChange, item }) => (
  <Select value={value} options={(item.settings as Choices)?.options ?? []} onChange={(v) => onChange(v.value)} />
);
const MultiSelectEditor: Editor = ({ value, onChange, item }) => (
  <MultiSelect
    value={value}
    options={(item.settings as Choices)?.options ?? []}
    onChange={(vs) => onChange(vs.map((v) => v.value))}
  />
);
const StringsEditor: Editor = ({ value, onChange }) => <TagsInput tags={value ?? []} onChange={onChange} />;
const ColorEditor: Editor = ({ value, onChange }) => <ColorPicker color={value ?? 'green'} onChange={onChange} />;
const UnitEditor: Editor = ({ value, onChange }) => <UnitPicker value={value} onChange={onChange} />;
const TimeZoneEditor: Editor = ({ value, onChange }) => <TimeZonePicker value={value} onChange={onChange} />;

/**
 * The editors behind `PanelOptionsEditorBuilder.addBooleanSwitch()` & co. Grafana registers its own
 * from the app (public/app/core/components/OptionsUI/registry.tsx), which is not on npm; these
 * stand-ins have the same ids and value types, so a plugin's `setPanelOptions` builds as in Grafana.
 */
const EDITORS: Array<StandardEditorsRegistryItem> = [
  { id: 'text', name: 'Text', editor: TextEditor },
  { id: 'number', name: 'Number', editor: NumberEditor },
  { id: 'slider', name: 'Slider', editor: SliderEditor },
  { id: 'boolean', name: 'Boolean', editor: BooleanEditor },
  { id: 'radio', name: 'Radio', editor: RadioEditor },
  { id: 'select', name: 'Select', editor: SelectEditor },
  { id: 'multi-select', name: 'Multi select', editor: MultiSelectEditor },
  { id: 'strings', name: 'String array', editor: StringsEditor },
  { id: 'color', name: 'Color', editor: ColorEditor },
  { id: 'unit', name: 'Unit', editor: UnitEditor },
  { id: 'timezone', name: 'Time zone', editor: TimeZoneEditor },
  { id: 'field-name', name: 'Field name', editor: TextEditor },
  { id: 'dashboard-uid', name: 'Dashboard', editor: TextEditor },
];

const always = () => true;

/** The standard field options a time-series panel offers (Standard options in the editor). */
const FIELD_CONFIGS: Array<FieldConfigPropertyItem> = [
  {
    id: FieldConfigProperty.Unit,
    path: 'unit',
    name: 'Unit',
    editor: UnitEditor,
    override: UnitEditor,
    process: unitOverrideProcessor,
    shouldApply: always,
  },
  {
    id: FieldConfigProperty.Min,
    path: 'min',
    name: 'Min',
    editor: NumberEditor,
    override: NumberEditor,
    process: numberOverrideProcessor,
    shouldApply: always,
  },
  {
    id: FieldConfigProperty.Max,
    path: 'max',
    name: 'Max',
    editor: NumberEditor,
    override: NumberEditor,
    process: numberOverrideProcessor,
    shouldApply: always,
  },
  {
    id: FieldConfigProperty.Decimals,
    path: 'decimals',
    name: 'Decimals',
    editor: NumberEditor,
    override: NumberEditor,
    process: numberOverrideProcessor,
    shouldApply: always,
  },
  {
    id: FieldConfigProperty.DisplayName,
    path: 'displayName',
    name: 'Display name',
    editor: TextEditor,
    override: TextEditor,
    process: stringOverrideProcessor,
    shouldApply: always,
  },
  {
    id: FieldConfigProperty.NoValue,
    path: 'noValue',
    name: 'No value',
    editor: TextEditor,
    override: TextEditor,
    process: stringOverrideProcessor,
    shouldApply: always,
  },
];

/** Fills @grafana/data's editor registries once, before any plugin builds its options. */
export function registerOptionEditors(): void {
  standardEditorsRegistry.setInit(() => EDITORS);
  standardFieldConfigEditorRegistry.setInit(() => FIELD_CONFIGS);
}
