// Settings: the automatic backups kept beside the journal (restore one, after a
// confirmation) and the optional passphrase (lock, change, remove). Rust does the work
// and words every message; the page lays out the choices.
import { backend } from './backend.js';
import { h, field, checkbox, clearErrors, showError, showSaved, statusLine } from './dom.js';
import { helpCountryField } from './setup.js';

export async function renderSettings(app) {
  // Reminders that cannot be read must not keep the backups and the passphrase away.
  const [view, reminders, stayingOpen] = await Promise.all([
    backend.settings(),
    backend.reminders().catch((err) => ({ failed: err })),
    backend.stayingOpen().catch((err) => ({ failed: err }))]);
  const section = h('section', { class: 'settings' },
    h('h1', {}, 'Settings'),
    h('p', { class: 'form-status', id: 'settings-message', role: 'status', 'aria-live': 'polite' }),
    remindersCard(app, reminders),
    stayingOpenCard(app, stayingOpen),
    helpCountryCard(app),
    backupsCard(app, view),
    view.set_aside.length ? setAsideCard(app, view) : null,
    view.encrypted ? lockedCard(app, view) : lockCard(app));
  return section;
}

/** Re-renders the screen after a change, keeping the keyboard near where it was, and
 *  says what was done at the top of the screen. */
async function again(app, focusSelector, message) {
  await app.show('settings', focusSelector ? { focusSelector } : {});
  const said = document.getElementById('settings-message');
  if (said && message) {
    said.className = 'form-status ok';
    said.textContent = message;
    // What was done is read (and seen) first.
    said.tabIndex = -1;
    said.focus();
  }
}

/** What to be reminded of, and when; whether the last reminder could be shown. */
function remindersCard(app, view) {
  if (view.failed) {
    return h('div', { class: 'card' }, h('h2', {}, 'Reminders'), h('p', { class: 'note' }, view.failed.message));
  }
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, 'Reminders'),
    h('p', { class: 'reminder-status' }, view.status),
    view.problem ? h('p', { class: 'note reminder-problem' }, view.problem) : null,
    field({ label: 'Reminder time', name: 'time', value: view.time, hint: '24-hour clock, such as 20:00', inputmode: 'numeric' }),
    h('fieldset', {},
      h('legend', {}, 'Remind me of'),
      checkbox({ label: 'The daily check-in', name: 'check_in', checked: view.check_in }),
      checkbox({ label: 'The GAD-7 and PHQ-9 on the day they are due', name: 'questionnaires', checked: view.questionnaires }),
      checkbox({ label: 'A planned dose step, the day before and on the day', name: 'planned_steps', checked: view.planned_steps })),
    h('p', { class: 'hint' }, view.privacy_note),
    checkbox({ label: 'Let notifications say what they are about', name: 'details', checked: view.details }),
    h('p', { class: 'hint' }, view.while_open_note),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Save reminders'),
      h('button', { type: 'button', 'data-action': 'snooze' }, 'Remind me in an hour'),
      statusLine()));
  const data = () => {
    const f = new FormData(form);
    return {
      time: f.get('time'),
      check_in: f.has('check_in'),
      questionnaires: f.has('questionnaires'),
      planned_steps: f.has('planned_steps'),
      details: f.has('details'),
    };
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    try {
      const saved = await backend.setReminders(data());
      await again(app, 'input[name="time"]', saved.status);
    } catch (err) {
      showError(form, err);
    }
  });
  form.querySelector('[data-action="snooze"]').addEventListener('click', async () => {
    clearErrors(form);
    try {
      const snoozed = await backend.snoozeReminders();
      await again(app, '[data-action="snooze"]', snoozed.status);
    } catch (err) {
      showError(form, err);
    }
  });
  return form;
}

/** Staying open for reminders: the tray when the window is closed, and starting at login. */
function stayingOpenCard(app, view) {
  if (view.failed) {
    return h('div', { class: 'card' }, h('h2', {}, 'Staying open for reminders'), h('p', { class: 'note' }, view.failed.message));
  }
  const form = h('form', { class: 'card staying-open', novalidate: true },
    h('h2', {}, 'Staying open for reminders'),
    h('p', { class: 'staying-open-note' }, view.note),
    view.problem ? h('p', { class: 'note' }, view.problem) : null,
    checkbox({ label: 'Keep running in the tray when the window is closed', name: 'keep_in_tray', checked: view.keep_in_tray }),
    checkbox({ label: 'Start at login, in the tray', name: 'start_at_login', checked: view.start_at_login }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save'), statusLine()));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const f = new FormData(form);
    try {
      const saved = await backend.setStayingOpen({ keep_in_tray: f.has('keep_in_tray'), start_at_login: f.has('start_at_login') });
      await again(app, '.staying-open input[name="keep_in_tray"]', saved.note);
    } catch (err) {
      showError(form, err);
    }
  });
  return form;
}

/** Whose emergency number and crisis lines the urgent-help message gives. */
function helpCountryCard(app) {
  const setting = app.overview.help_country;
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, 'Urgent help'),
    h('p', {}, setting.current_note),
    setting.not_chosen_note ? h('p', { class: 'hint' }, setting.not_chosen_note) : null,
    helpCountryField(setting),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save country'), statusLine()));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    try {
      app.overview = await backend.setHelpCountry(new FormData(form).get('help_country'));
      await again(app, 'select[name="help_country"]', app.overview.help_country.current_note);
    } catch (err) {
      showError(form, err);
    }
  });
  return form;
}

/** While a slow change runs (keys are derived, files rewritten): say so. */
function working(form, text) {
  const status = form.querySelector('.form-status');
  if (status) { status.className = 'form-status'; status.textContent = text; }
}

function backupsCard(app, view) {
  const status = statusLine();
  const card = h('div', { class: 'card' },
    h('h2', {}, 'Automatic backups'),
    h('p', {}, view.backup_rule),
    h('p', { class: 'hint' }, `They are kept in ${view.folder}.`));
  if (view.backups.length) {
    card.append(h('ul', { class: 'backups', 'aria-label': 'Automatic backups' },
      view.backups.map((b) => restoreRow(app, b, `the backup from ${b.date_label}`, status))));
  } else {
    card.append(h('p', {}, 'There are no automatic backups yet: the first is made the next time the app starts.'));
  }
  if (view.kept.length) {
    card.append(h('h3', {}, 'Copies kept aside'),
      h('p', {}, 'Before a restore or an upgrade, the journal as it was is kept beside it. They can be restored the same way.'),
      h('ul', { class: 'backups', 'aria-label': 'Copies kept aside' },
        view.kept.map((b) => restoreRow(app, b, `the copy “${b.date_label}”`, status))));
  }
  card.append(status);
  return card;
}

/** One backup or kept copy, with its Restore button and the confirmation it asks first. */
function restoreRow(app, b, what, status) {
  const row = h('li', {});
  const ask = (focus = false) => {
    const restore = h('button', { type: 'button', 'aria-label': `Restore… ${b.date_label}`, onclick: confirm }, 'Restore…');
    row.replaceChildren(
      h('span', { class: 'when' }, b.date_label),
      h('span', {}, b.size_label + (b.encrypted ? ', locked with the passphrase' : '')),
      restore);
    if (focus) restore.focus();
  };
  const confirm = () => {
    const yes = h('button', {
      type: 'button', class: 'danger',
      onclick: async () => {
        yes.disabled = true;
        try {
          const r = await backend.restoreAutoBackup(b.name);
          await app.refresh();
          await again(app, null, r.message);
        } catch (err) {
          status.className = 'form-status problem';
          status.textContent = err && err.message ? err.message : String(err);
          ask(true);
        }
      },
    }, 'Yes, restore it');
    row.replaceChildren(
      h('span', {}, `Replace everything in your journal with ${what}? Your journal as it is now is kept aside first, so nothing is lost. `),
      yes, h('button', { type: 'button', onclick: () => ask(true) }, 'Cancel'));
    yes.focus();
  };
  ask();
  return row;
}

/** Journals set aside at start (a locked one after "start a new journal", a damaged one):
 *  one can be opened again in place of this one, which is then set aside in its turn. */
function setAsideCard(app, view) {
  const status = statusLine();
  return h('div', { class: 'card' },
    h('h2', {}, 'Journals set aside'),
    h('p', {}, 'When a journal could not be opened at the start, or a new one was started instead of a locked one, the earlier file was kept here, unchanged. One that can be opened can take the place of the journal you are using now; that one is then kept here in the same way, so you can switch back.'),
    h('ul', { class: 'backups', 'aria-label': 'Journals set aside' },
      view.set_aside.map((j) => setAsideRow(app, j, status))),
    status);
}

function setAsideRow(app, j, status) {
  const row = h('li', {});
  const ask = (focus = false) => {
    const open = j.can_open
      ? h('button', { type: 'button', 'aria-label': `Open again… ${j.date_label}`, onclick: confirm }, 'Open again…')
      : null;
    row.replaceChildren(
      h('span', { class: 'when' }, j.date_label),
      h('span', {}, j.status),
      ...(open ? [open] : []));
    if (focus) open?.focus();
  };
  const confirm = () => {
    const pass = j.locked
      ? field({ label: 'Passphrase of that journal', name: 'passphrase', type: 'password' })
      : null;
    const form = h('form', { class: 'inline-confirm', novalidate: true },
      h('p', {}, h('strong', {}, j.date_label), ` (${j.status}).`),
      h('p', {}, 'Open this journal in place of the one you are using now? The one you are using now is kept here, unchanged, so nothing is lost.'),
      pass,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Yes, open it'),
        h('button', { type: 'button', onclick: () => ask(true) }, 'Cancel')),
      statusLine());
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      working(form, 'Opening…');
      try {
        const found = await backend.reopenSetAside(j.name, pass ? pass.querySelector('input').value : null);
        await app.begin(found);
        // What happened is read first: the line above the screen.
        const notice = document.getElementById('notice');
        if (notice && !notice.hidden) { notice.tabIndex = -1; notice.focus(); }
      } catch (err) {
        if (err && err.field) {
          showError(form, err);
          const line = form.querySelector('.form-status');
          line.className = 'form-status problem';
          line.textContent = 'Not opened.';
          pass?.querySelector('input').select();
        } else {
          status.className = 'form-status problem';
          status.textContent = err && err.message ? err.message : String(err);
          ask(true);
        }
        button.disabled = false;
      }
    });
    row.replaceChildren(form);
    (pass ? pass.querySelector('input') : form.querySelector('button[type="submit"]')).focus();
  };
  ask();
  return row;
}

/** Not encrypted yet: say what a passphrase means before offering one. */
function lockCard(app) {
  const exportStatus = statusLine();
  const saveBackup = h('button', {
    type: 'button',
    onclick: async () => {
      saveBackup.disabled = true;
      try {
        const r = await backend.saveBackup();
        exportStatus.className = `form-status ${r.saved ? 'ok' : 'problem'}`;
        exportStatus.textContent = r.message;
      } catch (err) {
        exportStatus.className = 'form-status problem';
        exportStatus.textContent = err && err.message ? err.message : String(err);
      } finally {
        saveBackup.disabled = false;
      }
    },
  }, 'Save an unencrypted backup first…');
  const pass = field({ label: 'New passphrase', name: 'passphrase', type: 'password', hint: 'At least 8 characters. A few unrelated words are easy to remember and hard to guess.' });
  const confirm = field({ label: 'The same passphrase again', name: 'confirm', type: 'password' });
  const understood = checkbox({ label: 'I understand that if I forget this passphrase, my journal cannot be opened, by me or by anyone.', name: 'understood' });
  // A checkbox has no error line of its own: give this one a place for its message.
  const understoodError = h('p', { class: 'error', id: 'understood-error', 'aria-live': 'polite' });
  understood.append(understoodError);
  understood.querySelector('input').setAttribute('aria-describedby', 'understood-error');
  const form = h('form', { novalidate: true },
    pass, confirm, understood,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Lock with this passphrase')),
    statusLine());
  const card = h('div', { class: 'card' },
    h('h2', {}, 'Lock the journal with a passphrase'),
    h('p', {}, 'With a passphrase, the journal file and its automatic backups are encrypted on this computer: without the passphrase they cannot be read. The app asks for it each time it starts.'),
    h('p', { class: 'strong' }, 'A forgotten passphrase cannot be recovered. There is no reset and no back door.'),
    h('p', {}, 'Before you lock it, you may want to save a backup you can always open and keep it somewhere safe. Files you save yourself (backups, exports, summaries) are not encrypted.'),
    h('p', {}, 'A passphrase protects the journal and its copies. For the computer as a whole, its own disk encryption (such as FileVault, BitLocker or LUKS) is the strongest protection: it also covers what the disk may still hold from before.'),
    h('div', { class: 'actions' }, saveBackup),
    exportStatus,
    form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const value = (f) => f.querySelector('input').value;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    working(form, 'Locking the journal and its copies… this takes a few seconds.');
    try {
      const r = await backend.setPassphrase({ passphrase: value(pass), confirm: value(confirm), understood: understood.querySelector('input').checked });
      await again(app, null, r.message);
    } catch (err) {
      showError(form, err);
    } finally {
      button.disabled = false;
    }
  });
  return card;
}

/** Encrypted: change or remove the passphrase; both ask for the current one. */
function lockedCard(app) {
  const value = (f) => f.querySelector('input').value;
  const current = field({ label: 'Current passphrase', name: 'current', type: 'password' });
  const pass = field({ label: 'New passphrase', name: 'passphrase', type: 'password', hint: 'At least 8 characters.' });
  const confirm = field({ label: 'The same new passphrase again', name: 'confirm', type: 'password' });
  const change = h('form', { class: 'card', novalidate: true },
    h('h2', {}, 'The journal is locked with a passphrase'),
    h('p', {}, 'The journal and its automatic backups are encrypted. A forgotten passphrase cannot be recovered.'),
    h('h3', {}, 'Change the passphrase'),
    current, pass, confirm,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Change passphrase')),
    statusLine());
  change.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(change);
    const button = change.querySelector('button[type="submit"]');
    button.disabled = true;
    working(change, 'Changing the passphrase of the journal and its copies… this takes a few seconds.');
    try {
      const r = await backend.changePassphrase({ current: value(current), passphrase: value(pass), confirm: value(confirm) });
      for (const f of [current, pass, confirm]) f.querySelector('input').value = '';
      showSaved(change, r.message);
    } catch (err) {
      showError(change, err);
    } finally {
      button.disabled = false;
    }
  });

  const removeCurrent = field({ label: 'Current passphrase', name: 'current', type: 'password' });
  const remove = h('form', { class: 'card', novalidate: true },
    h('h3', {}, 'Remove the passphrase'),
    h('p', {}, 'The journal and its automatic backups are then stored unencrypted, readable by anyone who can open your files.'),
    removeCurrent,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Remove passphrase')),
    statusLine());
  remove.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(remove);
    const button = remove.querySelector('button[type="submit"]');
    button.disabled = true;
    working(remove, 'Removing the passphrase from the journal and its copies… this takes a few seconds.');
    try {
      const r = await backend.removePassphrase({ current: value(removeCurrent) });
      await again(app, null, r.message);
    } catch (err) {
      showError(remove, err);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {}, change, remove);
}
