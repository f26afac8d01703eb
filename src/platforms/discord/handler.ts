/**
 * The one interaction handler both transports use (the HTTP endpoint and the gateway): raw
 * payloads in, responses out through an Exchange. Slash commands and buttons go through
 * `dispatch`; answers ready within ~2 s are sent inline, slower ones are deferred and edited in.
 * One error boundary: anything thrown is logged with the interaction's context and answered with
 * a generic apology, and the next interaction is served as if nothing happened.
 */
import type { REST } from '@discordjs/rest';
import { ApplicationCommandType, InteractionResponseType, InteractionType, type APIInteraction } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { INTERNAL_ERROR_MESSAGE } from '../../dispatch/dispatch.ts';
import type { Autocomplete, Choice, Dispatch, Invocation } from '../../dispatch/invocation.ts';
import type { CommandDefinition, CommandOption, Scope } from '../../dispatch/types.ts';
import type { Config } from '../../config.ts';
import type { Budget } from '../../reply/budget.ts';
import { FORMAT_IDS } from '../../cite/ids.ts';
import type { Action, Reply } from '../../reply/model.ts';
import { isPagerAction } from '../../reply/paginate.ts';
import { truncate } from '../../reply/split.ts';
import { RateLimiter } from '../rate-limit.ts';
import { CITE_VALUE_SEPARATOR } from './components.ts';
import { CustomIdSigner, type CustomIdKind } from './custom-id.ts';
import { openDiscussion, type DiscussContext } from './discuss.ts';
import { Exchange, type Respond } from './exchange.ts';
import { commandAttachment } from './attachments.ts';
import { argsOf, attachmentOf, canManageGuild, channelIdOf, commandNameOf, displayNameOf, focusedOf, inThread, isEphemeralMessage, userOf } from './interaction.ts';
import { AUTOCOMPLETE_TIMEOUT_MS, DEFER_AFTER_MS, DISCORD_BUDGET, DISCORD_CHOICE_NAME_LIMIT, DISCORD_CHOICE_VALUE_LIMIT, DISCORD_CHOICES_LIMIT } from './limits.ts';
import { actionRequest } from '../../dispatch/actions.ts';
import { resolveDefaults } from '../../dispatch/defaults.ts';
import { formFor, formModal, formValues, pendingForms, type PendingForm } from './form.ts';
import type { KeyedRows } from '../../state-backend.ts';
import { discordPages } from './pages.ts';
import { discordProfile } from './profile.ts';
import { RecentStore } from '../../conversation/recent-answers.ts';
import { noticeMessage, withFiles, type DiscordMessage, type RenderOptions } from './render.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import { conversationKey } from '../../conversation/key.ts';
import type { SettingsStore } from '../../settings/group-settings.ts';

export interface HandlerOptions {
  config: Config;
  log: Logger;
  dispatch: Dispatch;
  autocomplete: Autocomplete;
  commands: readonly CommandDefinition[];
  /** Threads, Discuss and notes (the conversation module the dispatcher records into). */
  conversations: ConversationStore;
  /** The groups' /settings: each interaction's defaults come from here. */
  settings: SettingsStore;
  rest: REST;
  /** Key for the custom ids' MACs. */
  secret: Uint8Array | string;
  now?: () => number;
  /** Page budget; DISCORD_BUDGET unless a test wants small pages. */
  budget?: Budget;
  /**
   * Where the state is shared (the database): the answers buttons act on and the forms waiting are
   * kept there too, so a button pressed on another process's answer (HTTP workers, a restart) works.
   */
  rows?: (door: string, kind: string) => KeyedRows;
}

export type InteractionHandler = (interaction: APIInteraction, respond: Respond) => Promise<void>;

export interface Handler {
  handle: InteractionHandler;
  /** Resolves when every interaction under way (deferred answers included) is finished. */
  idle(): Promise<void>;
}

/** What a button needs to regenerate a page: the whole reply, how it was asked, by whom, in which layout. */
interface RecentReply {
  reply: Reply;
  invocation: Invocation;
  ownerId: string;
  layout: Scope['defaults']['layout'];
}

const RECENT_REPLIES = 500;
const RECENT_TTL_MS = 24 * 60 * 60 * 1000;
/** How long an answer waits for its buttons' entry to be stored where other processes read it. */
const STORE_BEFORE_SEND_MS = 500;
/** Targets (passage ids) that fit a custom id as they are; anything else goes through the LRU. */
const SAFE_TARGET = /^[A-Za-z0-9._-]+$/u;
const CITE_FORMATS: readonly string[] = FORMAT_IDS;


const STALE = 'This button belongs to an answer Lectern no longer remembers (it restarted, or the answer is too old). Ask again to get fresh buttons.';
const TAMPERED = 'This button could not be verified, so Lectern did nothing. Ask again to get fresh buttons.';

/** A promise's value if it settles within `ms`; undefined otherwise (it keeps running). Rejections pass through. */
async function within<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Autocomplete choices as Discord takes them: at most 25, names and values at most 100 characters, integers for integer options. */
export function toDiscordChoices(choices: readonly Choice[], type: CommandOption['type']): { name: string; value: string | number }[] {
  const out: { name: string; value: string | number }[] = [];
  for (const c of choices) {
    const name = truncate(String(c.name ?? '').replace(/\s+/gu, ' ').trim(), DISCORD_CHOICE_NAME_LIMIT);
    if (!name) continue;
    if (type === 'integer') {
      const n = Number(c.value);
      if (Number.isInteger(n)) out.push({ name, value: n });
    } else {
      const v = String(c.value ?? '');
      // A value cut short would ask for something else: leave the choice out instead.
      if (v && v.length <= DISCORD_CHOICE_VALUE_LIMIT) out.push({ name, value: v });
    }
    if (out.length >= DISCORD_CHOICES_LIMIT) break;
  }
  return out;
}

/** A stored answer back as the handler holds it: its scope's door is this one (a profile is not data). */
function storedReply(value: unknown): RecentReply | undefined {
  const v = value as RecentReply | undefined;
  if (!v || typeof v.ownerId !== 'string' || typeof v.reply?.title !== 'string' || !Array.isArray(v.reply.sections) || typeof v.invocation?.command !== 'string') return undefined;
  return { ...v, invocation: { ...v.invocation, scope: { ...v.invocation.scope, platform: discordProfile } } };
}

function storedForm(value: unknown): PendingForm | undefined {
  const v = value as PendingForm | undefined;
  if (!v || typeof v.command !== 'string' || typeof v.ownerId !== 'string' || typeof v.args !== 'object' || typeof v.scope?.defaults !== 'object') return undefined;
  return { ...v, scope: { ...v.scope, platform: discordProfile } };
}

/** The handler's state and the steps every kind of interaction shares. */
function handlerCore(opts: HandlerOptions) {
  const { config, dispatch, rest, conversations } = opts;
  const now = opts.now ?? Date.now;
  const budget = opts.budget ?? DISCORD_BUDGET;
  const signer = new CustomIdSigner(opts.secret);
  const shared = <V>(kind: string, parse: (v: unknown) => V | undefined) => (opts.rows ? { rows: opts.rows(discordProfile.id, kind), parse, log: opts.log } : undefined);
  const recent = new RecentStore<RecentReply>(RECENT_REPLIES, RECENT_TTL_MS, shared('recent', storedReply));
  const targets = new RecentStore<string>(RECENT_REPLIES, RECENT_TTL_MS, shared('target', (v) => (typeof v === 'string' ? v : undefined)));
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const byName = new Map(opts.commands.map((c) => [c.name, c]));
  const inFlight = new Set<Promise<void>>();
  const forms = pendingForms(shared('form', storedForm));

  function scopeOf(ex: Exchange): Scope {
    const i = ex.interaction;
    const base = { style: config.LECTERN_DEFAULT_STYLE, layout: config.LECTERN_DEFAULT_LAYOUT, visibility: 'public' as const };
    const scope: Scope = { platform: discordProfile, defaults: resolveDefaults(base, opts.settings, i.guild_id) };
    const user = userOf(i);
    if (user) scope.userId = user.id;
    const name = displayNameOf(i);
    if (name) scope.userName = name;
    if (i.guild_id) scope.collection = i.guild_id;
    // Manage Server, as Discord computed it for this member here: what /library's organisers need.
    scope.canManage = canManageGuild(i);
    const channel = channelIdOf(i);
    const place = channel && i.guild_id ? { platform: discordProfile.id, scope: i.guild_id, thread: channel } : undefined;
    // A thread channel, or a channel Lectern opened a discussion in (payloads do not always say the channel's type).
    if (place && (inThread(i) || conversations.get(conversationKey(place)))) scope.thread = conversations.scopeOf(place);
    return scope;
  }

  function encodeTarget(kind: CustomIdKind, target: string): string {
    if (SAFE_TARGET.test(target) && target.length <= signer.payloadRoom(kind)) return target;
    return `~${targets.put(target, now())}`;
  }

  async function decodeTarget(payload: string): Promise<string | undefined> {
    return payload.startsWith('~') ? await targets.fetch(payload.slice(1), now()) : payload;
  }

  function renderOptions(key: string, layout: RecentReply['layout']): RenderOptions {
    return {
      layout,
      idFor(a: Action) {
        if (isPagerAction(a)) return signer.sign('page', `${key}.${Number(a.options?.[0] ?? 0)}`);
        if (a.kind === 'next' || a.kind === 'previous') return signer.sign('results', `${key}.${Number(a.options?.[0] ?? 1)}`);
        if (a.kind === 'translation' || a.kind === 'context' || a.kind === 'discuss') return signer.sign(a.kind, encodeTarget(a.kind, a.target));
        if (a.kind === 'bibliography' || a.kind === 'notes') return signer.sign(a.kind, '');
        return undefined;
      },
      citeSelectId: () => signer.sign('cite', ''),
    };
  }

  /** Remembers the reply for its buttons and renders one of its pages (the last, if asked past it). */
  function present(entry: RecentReply, pageIndex = 0, existingKey?: string): DiscordMessage {
    const key = existingKey ?? recent.put(entry, now());
    const pages = discordPages(entry.reply, renderOptions(key, entry.layout), budget);
    const page = pages[Math.min(Math.max(0, pageIndex), pages.length - 1)];
    if (!page) throw new Error('the pager returned no page');
    return page;
  }

  /**
   * Dispatches and answers: inline when the reply is ready within DEFER_AFTER_MS, otherwise
   * deferred first. `update` replaces the message the component was on (errors still come as a
   * message of their own, only for whoever pressed).
   */
  /** A button pressed at once may reach another process (HTTP workers): it must find the entry stored. */
  async function storedForButtons(): Promise<void> {
    await Promise.all([recent.settled(STORE_BEFORE_SEND_MS), targets.settled(STORE_BEFORE_SEND_MS)]);
  }

  async function answer(ex: Exchange, invocation: Invocation, mode: 'new' | 'update', expectHidden: boolean): Promise<void> {
    const pending = dispatch(invocation);
    const ready = await within(pending, DEFER_AFTER_MS);
    // Files go with an edit of a deferred answer: an interaction's first response carries none over HTTP.
    if (!ready || ready.value.files?.length) {
      ex.log.debug('deferring');
      if (mode === 'new') await ex.deferMessage(expectHidden);
      else await ex.deferUpdate();
    }
    const reply = ready ? ready.value : await pending;
    const ownerId = invocation.scope.userId ?? 'unknown';
    const message = withFiles(present({ reply, invocation, ownerId, layout: invocation.scope.defaults.layout }), reply.files);
    await storedForButtons();
    if (mode === 'update' && !reply.error) await ex.update(message);
    else await ex.send(message);
    if (reply.error) ex.log.info({ error: reply.error.identifier }, 'answered with an error');
  }

  function rateLimited(ex: Exchange): boolean {
    const user = userOf(ex.interaction)?.id ?? 'unknown';
    // Every interaction must be answered, so over the limit each one gets the polite refusal.
    return limiter.take(user, now()) !== 'allow';
  }

  async function refuseRate(ex: Exchange): Promise<void> {
    ex.log.info('rate limited');
    const n = config.RATE_LIMIT_PER_MINUTE;
    await ex.send(noticeMessage('Please slow down', `You have asked more than ${n} thing${n === 1 ? '' : 's'} in the last minute. Please wait a little and try again.`));
  }

  return { opts, config, dispatch, rest, conversations, now, signer, recent, targets, limiter, byName, inFlight, forms, scopeOf, decodeTarget, present, storedForButtons, answer, rateLimited, refuseRate };
}

type HandlerCore = ReturnType<typeof handlerCore>;

/** Slash commands, the forms their files bring up, and autocomplete. */
function commandHandlers(core: HandlerCore) {
  const { opts, config, signer, byName, forms, now, scopeOf, answer, rateLimited, refuseRate } = core;
  async function onCommand(ex: Exchange): Promise<void> {
    const i = ex.interaction;
    if (i.type !== InteractionType.ApplicationCommand) return;
    if (i.data.type !== ApplicationCommandType.ChatInput) {
      return ex.send(noticeMessage('Not supported', 'Lectern only answers slash commands.', { error: true }));
    }
    if (rateLimited(ex)) return refuseRate(ex);
    // Whether to answer hidden is decided before dispatch: with settings other processes write too, read the guild's again first.
    await opts.settings.refresh?.(i.guild_id);
    const args = argsOf(i.data.options);
    const file = attachmentOf(i);
    if (file) {
      delete args[file.option];
      args.attachment = commandAttachment(file.attachment, config.LIBRARY_MAX_FILE_MB * 1024 * 1024);
    }
    ex.log.info({ args: Object.keys(args) }, 'command');
    const scope = scopeOf(ex);
    const invocation: Invocation = { command: i.data.name, args, scope, requestId: i.id };
    // A file that comes without the details its command's form asks for (/library add: title,
    // author, year): a modal asks for them first (left empty, they are taken from the file).
    // Members without the permission are refused by dispatch.
    const form = formFor(byName.get(i.data.name), args);
    const announced = Number((args.attachment as { size?: unknown } | undefined)?.size ?? 0);
    const fits = announced <= config.LIBRARY_MAX_FILE_MB * 1024 * 1024;
    if (form.length && fits && scope.canManage) return askForm(ex, i.data.name, form, args, scope);
    await answer(ex, invocation, 'new', args.hide === true || scope.defaults.visibility === 'hidden');
  }

  async function askForm(ex: Exchange, command: string, options: ReturnType<typeof formFor>, args: Record<string, unknown>, scope: Scope): Promise<void> {
    const key = forms.put({ command, args, scope, ownerId: scope.userId ?? 'unknown' }, now());
    const customId = signer.sign('form', key);
    if (!customId) throw new Error('the modal id does not fit');
    await ex.respond(formModal(customId, command, options, String((args.attachment as { name?: unknown }).name ?? '')) as never);
  }

  async function onModalSubmit(ex: Exchange): Promise<void> {
    const i = ex.interaction;
    if (i.type !== InteractionType.ModalSubmit) return;
    const parsed = signer.parse(i.data.custom_id);
    if (parsed.status === 'tampered') return ex.send(noticeMessage('Not verified', TAMPERED, { error: true }));
    if (parsed.status === 'stale' || parsed.kind !== 'form') return ex.send(noticeMessage('Expired', STALE));
    const pending = await forms.fetch(parsed.payload, now());
    if (!pending) return ex.send(noticeMessage('Expired', 'This form waited too long; please attach the file to the command again.'));
    if (pending.ownerId !== (userOf(i)?.id ?? 'unknown')) return ex.send(noticeMessage('Not yours', 'Only the person who attached the file can fill in this form.'));
    const args = { ...pending.args, ...formValues(i.data.components ?? []) };
    await answer(ex, { command: pending.command, args, scope: pending.scope, requestId: i.id }, 'new', args.hide === true || pending.scope.defaults.visibility === 'hidden');
  }

  async function onAutocomplete(ex: Exchange): Promise<void> {
    const i = ex.interaction;
    if (i.type !== InteractionType.ApplicationCommandAutocomplete) return;
    const focused = focusedOf(i.data.options);
    const option = focused ? byName.get(i.data.name)?.options?.find((o) => o.name === focused.name) : undefined;
    let choices: { name: string; value: string | number }[] = [];
    if (focused && option?.autocomplete) {
      try {
        const request = { command: i.data.name, option: focused.name, value: focused.value, args: argsOf(i.data.options), scope: scopeOf(ex) };
        const found = await within(opts.autocomplete(request), AUTOCOMPLETE_TIMEOUT_MS);
        if (!found) ex.log.warn('autocomplete too slow; answered with no choices');
        choices = toDiscordChoices(found?.value ?? [], option.type);
      } catch (err) {
        ex.log.warn({ err }, 'autocomplete failed; answered with no choices');
      }
    }
    await ex.respond({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
  }

  /** The reply a page/results button belongs to, checked against who pressed it. */
  return { onCommand, onModalSubmit, onAutocomplete };
}

/** Buttons and menus under an answer: pages, results, translation, context, discussion, citation. */
function componentHandler(core: HandlerCore) {
  const { config, dispatch, rest, conversations, now, signer, recent, scopeOf, decodeTarget, present, storedForButtons, answer, rateLimited, refuseRate } = core;
  async function ownedEntry(ex: Exchange, key: string): Promise<{ entry: RecentReply; owner: boolean } | undefined> {
    const entry = await recent.fetch(key, now());
    if (!entry) {
      await ex.send(noticeMessage('Expired', STALE));
      return undefined;
    }
    const owner = entry.ownerId === userOf(ex.interaction)?.id;
    if (!owner && entry.reply.visibility === 'hidden') {
      await ex.send(noticeMessage('Not yours', 'Only the person who asked can page this answer.'));
      return undefined;
    }
    return { entry, owner };
  }

  async function onComponent(ex: Exchange): Promise<void> {
    const i = ex.interaction;
    if (i.type !== InteractionType.MessageComponent) return;
    const parsed = signer.parse(i.data.custom_id);
    if (parsed.status === 'stale') return ex.send(noticeMessage('Expired', STALE));
    if (parsed.status === 'tampered') {
      ex.log.warn({ customId: i.data.custom_id.slice(0, 100) }, 'custom id failed verification');
      return ex.send(noticeMessage('Not verified', TAMPERED, { error: true }));
    }
    if (rateLimited(ex)) return refuseRate(ex);
    ex.log.info({ action: parsed.kind }, 'component');
    const scope = scopeOf(ex);
    // Answers to buttons on a hidden answer stay hidden.
    const hidden = isEphemeralMessage(i.message) || scope.defaults.visibility === 'hidden';
    const hide = isEphemeralMessage(i.message) ? { hide: true } : {};
    const run = (command: string, args: Record<string, unknown>) => answer(ex, { command, args: { ...args, ...hide }, scope, requestId: i.id }, 'new', hidden);

    switch (parsed.kind) {
      case 'page': {
        const [key = '', index = '0'] = parsed.payload.split('.');
        const found = await ownedEntry(ex, key);
        if (!found) return;
        const { entry, owner } = found;
        // Someone else paging a public answer gets their own copy, so the shared message does not move under its asker.
        if (!owner) {
          const copy = present({ ...entry, reply: { ...entry.reply, visibility: 'hidden' }, ownerId: scope.userId ?? 'unknown' }, Number(index));
          await storedForButtons();
          return ex.send(copy);
        }
        return ex.update(present(entry, Number(index), key));
      }
      case 'results': {
        const [key = '', page = '1'] = parsed.payload.split('.');
        const found = await ownedEntry(ex, key);
        if (!found) return;
        const { entry, owner } = found;
        const args = { ...entry.invocation.args, page: Number(page), ...(owner ? {} : { hide: true }) };
        const invocation: Invocation = { ...entry.invocation, args, scope, requestId: i.id };
        return answer(ex, invocation, owner ? 'update' : 'new', !owner || entry.reply.visibility === 'hidden');
      }
      case 'translation':
      case 'context':
      case 'discuss': {
        const target = await decodeTarget(parsed.payload);
        if (!target) return ex.send(noticeMessage('Expired', STALE));
        if (parsed.kind === 'discuss') return openDiscussion(discussContext, ex, target);
        const request = actionRequest({ kind: parsed.kind, target })!;
        return run(request.command, request.args);
      }
      case 'bibliography':
      case 'notes': {
        const request = actionRequest({ kind: parsed.kind, target: '' })!;
        return run(request.command, request.args);
      }
      case 'cite': {
        const value = 'values' in i.data ? i.data.values[0] : undefined;
        const at = value?.lastIndexOf(CITE_VALUE_SEPARATOR) ?? -1;
        const passage = value?.slice(0, at);
        const style = value?.slice(at + 1);
        if (!passage || !style || !CITE_FORMATS.includes(style)) return ex.send(noticeMessage('Not verified', TAMPERED, { error: true }));
        const request = actionRequest({ kind: 'cite', target: passage }, undefined, style)!;
        return run(request.command, request.args);
      }
    }
  }

  const discussContext: DiscussContext = {
    rest,
    hasBotToken: Boolean(config.DISCORD_TOKEN),
    conversations,
    dispatch,
    scopeOf,
    firstPage: (reply, invocation, ownerId) => present({ reply, invocation, ownerId, layout: invocation.scope.defaults.layout }),
    now,
  };

  return onComponent;
}

export function createInteractionHandler(opts: HandlerOptions): Handler {
  const core = handlerCore(opts);
  const { rest, inFlight } = core;
  const { onCommand, onModalSubmit, onAutocomplete } = commandHandlers(core);
  const onComponent = componentHandler(core);

  async function apologise(ex: Exchange): Promise<void> {
    if (ex.interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      if (!ex.responded) await ex.respond({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
      return;
    }
    await ex.send(noticeMessage('Error', INTERNAL_ERROR_MESSAGE, { error: true }));
  }

  async function route(ex: Exchange): Promise<void> {
    switch (ex.interaction.type) {
      case InteractionType.Ping:
        return ex.respond({ type: InteractionResponseType.Pong });
      case InteractionType.ApplicationCommand:
        return onCommand(ex);
      case InteractionType.ApplicationCommandAutocomplete:
        return onAutocomplete(ex);
      case InteractionType.MessageComponent:
        return onComponent(ex);
      case InteractionType.ModalSubmit:
        return onModalSubmit(ex);
      default:
        return ex.send(noticeMessage('Not supported', 'Lectern does not handle this kind of interaction.', { error: true }));
    }
  }

  async function handleOne(interaction: APIInteraction, respond: Respond): Promise<void> {
    const user = userOf(interaction);
    const log = opts.log.child({ interaction: interaction.id, type: interaction.type, command: commandNameOf(interaction), guild: interaction.guild_id, user: user?.id });
    const ex = new Exchange(interaction, log, respond, rest);
    try {
      await route(ex);
    } catch (err) {
      log.error({ err }, 'interaction failed');
      try {
        await apologise(ex);
      } catch (again) {
        log.error({ err: again }, 'could not even send the apology');
        // Left unanswered, the transport answers with a bare error (the HTTP endpoint: 500).
        if (!ex.responded) throw again;
      }
    }
  }

  return {
    handle(interaction, respond) {
      const work = handleOne(interaction, respond);
      const tracked = work.catch(() => {});
      inFlight.add(tracked);
      void tracked.finally(() => inFlight.delete(tracked));
      return work;
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
      await Promise.all([core.recent.flush(), core.targets.flush(), core.forms.flush()]);
    },
  };
}