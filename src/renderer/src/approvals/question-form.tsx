// A pending question from Claude: its options (one or several) and a free-text answer. The answer
// goes back as `answers: {question text: answer}`; "Don't answer" declines. Enter sends the
// answer from an option as well as from the text field.
import { useState, type SyntheticEvent } from 'react';
import type { Approval, Question } from '../../../shared/domain';
import { ErrorNote } from '../components/error-note';
import { useDecide } from './use-decide';

interface Draft {
  chosen: string[];
  text: string;
}

function answerOf(question: Question, draft: Draft | undefined): string {
  if (draft === undefined) return '';
  const own = draft.text.trim();
  if (!question.multiSelect) return own || (draft.chosen[0] ?? '');
  return [...draft.chosen, ...(own ? [own] : [])].join(', ');
}

export function QuestionForm(props: { approval: Approval }) {
  const { approval } = props;
  const questions = approval.questions ?? [];
  const { decide, busy, error } = useDecide(approval.id);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [missing, setMissing] = useState<string | undefined>(undefined);

  const update = (question: Question, change: (draft: Draft) => Draft) =>
    setDrafts((current) => ({
      ...current,
      [question.question]: change(current[question.question] ?? { chosen: [], text: '' }),
    }));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const answers: Record<string, string> = {};
    for (const question of questions)
      answers[question.question] = answerOf(question, drafts[question.question]);
    const unanswered = questions.find((question) => answers[question.question] === '');
    if (unanswered) {
      setMissing(`Choose or write an answer for “${unanswered.question}”.`);
      return;
    }
    setMissing(undefined);
    void decide({ decision: 'allow', answers });
  };

  return (
    <form
      className="question-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        // Browsers submit on Enter only from text fields; a chosen option should send too.
        const target = event.target;
        if (event.key !== 'Enter' || !(target instanceof HTMLInputElement)) return;
        if (target.type !== 'radio' && target.type !== 'checkbox') return;
        event.preventDefault();
        event.currentTarget.requestSubmit();
      }}
    >
      {questions.map((question, index) => {
        const draft = drafts[question.question];
        return (
          <fieldset key={question.question} className="question">
            <legend>
              {question.header && <span className="question-header">{question.header}</span>}
              {question.question}
            </legend>
            {question.options.map((option, optionIndex) => (
              <label key={option.label} className="question-option">
                <input
                  type={question.multiSelect ? 'checkbox' : 'radio'}
                  name={`${approval.id}-${index}`}
                  value={option.label}
                  data-answer-focus={index === 0 && optionIndex === 0 ? '' : undefined}
                  checked={draft?.chosen.includes(option.label) ?? false}
                  onChange={(event) =>
                    update(question, (d) => ({
                      ...d,
                      chosen: question.multiSelect
                        ? event.target.checked
                          ? [...d.chosen, option.label]
                          : d.chosen.filter((label) => label !== option.label)
                        : [option.label],
                    }))
                  }
                />
                <span className="option-label">{option.label}</span>
                {option.description && (
                  <span className="option-description">{option.description}</span>
                )}
              </label>
            ))}
            <input
              type="text"
              className="question-own-answer"
              aria-label={`Your own answer to: ${question.question}`}
              placeholder={question.options.length > 0 ? 'Or write your own answer' : 'Your answer'}
              data-answer-focus={index === 0 && question.options.length === 0 ? '' : undefined}
              value={draft?.text ?? ''}
              onChange={(event) => update(question, (d) => ({ ...d, text: event.target.value }))}
            />
          </fieldset>
        );
      })}
      {missing && (
        <p className="field-error" role="alert">
          {missing}
        </p>
      )}
      <div className="approval-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Send answer
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void decide({ decision: 'deny' })}
        >
          Don’t answer
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
