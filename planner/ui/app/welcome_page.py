"""The first-start empty state: what the app does, and a button to create the first plan."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner.ui.kit.widgets import advice_note, heading

WELCOME_TEXT = (
    "Plan a trip to South Korea for stem-cell treatment of a knee-cartilage or soft-tissue "
    "injury, entirely on this computer.\n\n"
    "• Compare what the clinics offer and what it costs at home.\n"
    "• Walk through the journey from the first video consultation to rehabilitation at home.\n"
    "• Keep your dates, budget and questions in one place, even without a connection.\n\n"
    "Start with a plan: a name, the condition, where you live and rough dates. "
    "You can keep several plans side by side and change everything later."
)


PROTECT_TEXT = (
    "Your plans will hold health details. If others use this computer, or it could be lost, you "
    "can encrypt them with a passphrase, now or later from File › Protection…"
)


class WelcomePage(QWidget):
    create_requested = Signal()
    learn_requested = Signal()
    protect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading("Welcome to Patient Journey Planner")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(WELCOME_TEXT)
        text.setWordWrap(True)
        text.setObjectName("welcomeText")
        text.setFixedWidth(640)
        self.create_button = QPushButton("Create your first plan…")
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        self.learn_button = QPushButton("Read about the treatment first")
        self.learn_button.clicked.connect(self.learn_requested)
        self.protect_note = QLabel(PROTECT_TEXT)
        self.protect_note.setObjectName("hint")
        self.protect_note.setWordWrap(True)
        self.protect_note.setFixedWidth(640)
        self.protect_note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.protect_button = QPushButton("Pro&tect with a passphrase…")
        self.protect_button.clicked.connect(self.protect_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addSpacing(12)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(text)
        centred.addStretch(1)
        layout.addLayout(centred)
        self.advice = advice_note()
        self.advice.setFixedWidth(640)
        advice_row = QHBoxLayout()
        advice_row.addStretch(1)
        advice_row.addWidget(self.advice)
        advice_row.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(advice_row)
        layout.addSpacing(16)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.learn_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        protect_row = QHBoxLayout()
        protect_row.addStretch(1)
        protect_row.addWidget(self.protect_note)
        protect_row.addStretch(1)
        layout.addLayout(protect_row)
        layout.addWidget(self.protect_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_protection_offer(self, shown: bool) -> None:
        """The offer to protect the data, for as long as it is not protected."""
        self.protect_note.setVisible(shown)
        self.protect_button.setVisible(shown)
