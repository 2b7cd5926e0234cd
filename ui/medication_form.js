// The medication fields shared by first-run setup and "Add a medication".
import { h, field, select, nextId } from './dom.js';

export function medicationFields(overview, prefix = '', values = {}) {
  const listId = nextId('drugs');
  const datalist = h('datalist', { id: listId },
    overview.reference_drugs.map((d) => h('option', { value: d.generic }, d.brands ? `${d.generic} (${d.brands})` : d.generic)));
  const name = field({
    label: 'Medication name', name: `${prefix}generic`, value: values.generic ?? '',
    hint: 'Start typing to pick from the built-in list (for example clonazepam), or type another name.',
    attrs: { list: listId, autocapitalize: 'off', spellcheck: 'false' },
  });
  const known = (text) => overview.reference_drugs.some((d) => d.generic.toLowerCase() === text.trim().toLowerCase()
    || d.brands.toLowerCase().split(', ').includes(text.trim().toLowerCase()));
  const classField = select({
    label: 'What kind of medication is it?', name: `${prefix}class`, value: values.class ?? '',
    hint: 'Needed for a name that is not in the built-in list. Please check the spelling too.',
    options: [['', 'Choose…'], ['benzodiazepine', 'A benzodiazepine'], ['z_drug', 'A z-drug (sleep medicine)'], ['other', 'Another medication (logged, not converted)']],
  });
  const factor = field({
    label: 'Equivalence from your prescriber (optional): mg equal to 10 mg diazepam', name: `${prefix}custom_factor_mg`, value: values.custom_factor_mg ?? '',
    inputmode: 'decimal', hint: 'Leave empty to use the chosen published table.',
  });
  const input = name.querySelector('input');
  const update = () => { classField.hidden = known(input.value) || input.value.trim() === ''; };
  input.addEventListener('input', update);
  update();
  return h('div', { class: 'medication-fields' },
    name, datalist,
    field({ label: 'Brand (optional)', name: `${prefix}brand`, value: values.brand ?? '' }),
    select({ label: 'Form', name: `${prefix}form`, value: values.form ?? 'tablet', options: [['tablet', 'Tablet (strength in mg)'], ['liquid', 'Liquid (strength in mg per mL)']] }),
    field({ label: 'Strength (optional, mg per tablet or mg per mL)', name: `${prefix}strength_mg`, inputmode: 'decimal', value: values.strength_mg ?? '' }),
    classField,
    factor);
}

export function medicationInput(data, prefix = '') {
  return {
    generic: data.get(`${prefix}generic`) ?? '',
    brand: data.get(`${prefix}brand`),
    form: data.get(`${prefix}form`),
    strength_mg: data.get(`${prefix}strength_mg`),
    class: data.get(`${prefix}class`),
    custom_factor_mg: data.get(`${prefix}custom_factor_mg`),
  };
}
