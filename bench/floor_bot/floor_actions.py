"""The floor bot's one custom action: a fixed reply, so only Rasa's own work is measured."""

from rasa_sdk import Action


class ActionReply(Action):
    def name(self) -> str:
        return "action_reply"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="Russia and Turkey sponsor the talks.")
        return []
