/**
 * The profile editor: about me, interests and languages, saved together. Contact details are
 * caught under the field on blur and before sending, with the server's own words after.
 */
import {
  BIO_MAX_LENGTH,
  genders,
  MAX_INTERESTS,
  MAX_LANGUAGES,
  type Gender,
  type MyProfileView,
} from '@airtalk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, FormAlert, Icon, SelectField, TextAreaField, TextField, useToast } from '../../components';
import { useLanguage } from '../../i18n';
import { ApiError, isApiError, useFormErrors } from '../../lib';
import { useAuth } from '../accounts';
import { updateMyProfile } from './api';
import { InterestsField } from './InterestsField';
import { LanguagesField } from './LanguagesField';
import { checkBio, checkCity, checkInterests, checkNickname } from './profileChecks';
import { foldListFields } from './profileErrors';

const FIELDS = ['nickname', 'bio', 'gender', 'city', 'interests', 'languages'] as const;
type TextName = 'nickname' | 'bio' | 'city';

interface Values {
  nickname: string;
  bio: string;
  gender: Gender | '';
  city: string;
  interests: string[];
  languages: string[];
}

const valuesOf = (profile: MyProfileView): Values => ({
  nickname: profile.nickname,
  bio: profile.bio,
  gender: profile.gender ?? '',
  city: profile.city ?? '',
  interests: profile.interests,
  languages: profile.languages,
});

const isGender = (value: string): value is Gender => (genders as readonly string[]).includes(value);

interface ProfileFormProps {
  profile: MyProfileView;
  onSaved: (profile: MyProfileView) => void;
}

export function ProfileForm({ profile, onSaved }: ProfileFormProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { me, setMe } = useAuth();
  const toast = useToast();
  const ids = { interests: useId(), interestsHint: useId(), languages: useId(), languagesHint: useId() };
  const { attachForm, ...form } = useFormErrors(FIELDS);
  const [values, setValues] = useState(() => valuesOf(profile));
  const [badInterests, setBadInterests] = useState<readonly number[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const checks: Record<TextName, typeof checkBio> = { nickname: checkNickname, bio: checkBio, city: checkCity };

  const change = <Name extends keyof Values>(name: Name, value: Values[Name]) => {
    setValues((current) => ({ ...current, [name]: value }));
    form.setFieldError(name, undefined);
  };

  const blur = (name: TextName) => {
    if (values[name] !== '') form.setFieldError(name, checks[name](values[name], language));
  };

  const interestMessage = (tag: string, message: string) => t('profileEdit.interestProblem', { tag, message });

  /** "interests.2" becomes a message under the interests that quotes the tag, and that chip turns red. */
  const withListFieldsFolded = (error: ApiError): ApiError => {
    const { fields, badInterests: bad } = foldListFields(error.fields, (problem, message) => {
      const tag = problem.field === 'interests' ? values.interests[problem.index] : undefined;
      return tag === undefined ? message : interestMessage(tag, message);
    });
    setBadInterests(bad);
    const { status, code, message, retryAfterSeconds } = error;
    return new ApiError({ status, code, message, fields, retryAfterSeconds });
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const interestProblems = checkInterests(values.interests, language);
    setBadInterests(interestProblems.map((problem) => problem.index));
    const [firstInterest] = interestProblems;
    const problems = form.reject({
      nickname: checkNickname(values.nickname, language),
      bio: checkBio(values.bio, language),
      city: checkCity(values.city, language),
      interests: firstInterest && interestMessage(firstInterest.tag, firstInterest.message),
    });
    if (problems) return;
    setSubmitting(true);
    try {
      const saved = await updateMyProfile({
        nickname: values.nickname.trim(),
        bio: values.bio.trim(),
        gender: values.gender === '' ? null : values.gender,
        city: values.city.trim() === '' ? null : values.city.trim(),
        interests: values.interests,
        languages: values.languages,
      });
      setValues(valuesOf(saved));
      form.clear();
      toast(t('profileEdit.saved'));
      if (me && me.nickname !== saved.nickname) setMe({ ...me, nickname: saved.nickname });
      onSaved(saved);
    } catch (error) {
      form.showFailure(isApiError(error) ? withListFieldsFolded(error) : error);
    } finally {
      setSubmitting(false);
    }
  };

  const textProps = (name: TextName) => ({
    name,
    value: values[name],
    error: form.errors[name],
    onChange: (event: { target: { value: string } }) => {
      change(name, event.target.value);
    },
    onBlur: () => {
      blur(name);
    },
  });

  return (
    <form ref={attachForm} className="form profile-form" noValidate onSubmit={(event) => void submit(event)}>
      <Card heading={t('profileEdit.aboutHeading')}>
        <p className="profile-form__age">
          <Icon name="eye" size={18} />
          <span>{t('profileEdit.ageNote', { age: profile.age })}</span>
        </p>
        <TextField
          {...textProps('nickname')}
          label={t('profileEdit.nickname')}
          hint={t('profileEdit.nicknameHint')}
          autoComplete="nickname"
          required
        />
        <SelectField
          label={t('profileEdit.gender')}
          name="gender"
          value={values.gender}
          error={form.errors.gender}
          onChange={(event) => {
            const { value } = event.target;
            change('gender', isGender(value) ? value : '');
          }}
        >
          <option value="">{t('profileEdit.genderUnset')}</option>
          {genders.map((gender) => (
            <option key={gender} value={gender}>
              {t(`genders.${gender}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...textProps('city')}
          label={t('profileEdit.city')}
          hint={t('profileEdit.cityHint')}
          autoComplete="address-level2"
        />
        <TextAreaField
          {...textProps('bio')}
          label={t('profileEdit.bio')}
          hint={t('profileEdit.bioHint')}
          rows={5}
          limit={BIO_MAX_LENGTH}
        />
      </Card>

      <Card
        heading={t('profileEdit.interestsHeading')}
        description={t('profileEdit.interestsHint', { max: MAX_INTERESTS })}
        headingId={ids.interests}
        descriptionId={ids.interestsHint}
      >
        <InterestsField
          interests={values.interests}
          onChange={(interests) => {
            change('interests', interests);
            setBadInterests([]);
          }}
          error={form.errors.interests}
          onError={(message) => {
            form.setFieldError('interests', message);
          }}
          badIndexes={badInterests}
          headingId={ids.interests}
          descriptionId={ids.interestsHint}
        />
      </Card>

      <Card
        heading={t('profileEdit.languagesHeading')}
        description={t('profileEdit.languagesHint', { max: MAX_LANGUAGES })}
        headingId={ids.languages}
        descriptionId={ids.languagesHint}
      >
        <LanguagesField
          languages={values.languages}
          onChange={(languages) => {
            change('languages', languages);
          }}
          error={form.errors.languages}
          headingId={ids.languages}
          descriptionId={ids.languagesHint}
        />
      </Card>

      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <div className="form__footer form__footer--end">
        <Button type="submit" loading={submitting}>
          {t('profileEdit.save')}
        </Button>
      </div>
    </form>
  );
}
